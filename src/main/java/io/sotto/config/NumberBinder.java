package io.sotto.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code numbers}: company numbers with their own recording rule. */
final class NumberBinder {
    private NumberBinder() {
    }

    static List<NumberConfig> numbers(ConfigNode numbers) {
        List<NumberConfig> bound = new ArrayList<>();
        Map<String, String> pathByNumber = new HashMap<>();
        for (ConfigNode entry : numbers.list()) {
            entry.mapping("number", "record", "control");
            ConfigNode numberNode = entry.get("number");
            String number = numberNode.string();
            String earlier = pathByNumber.putIfAbsent(number, entry.path());
            if (earlier != null) {
                throw numberNode.fail(quote(number) + " is already configured in " + earlier);
            }
            bound.add(new NumberConfig(
                    number,
                    entry.get("record").optionalBool(),
                    entry.get("control").optionalChoice(ControlMode.class)));
        }
        return List.copyOf(bound);
    }
}
