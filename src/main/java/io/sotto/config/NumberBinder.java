package io.sotto.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code numbers}: company numbers with their own recording rule and routing. */
final class NumberBinder {
    private NumberBinder() {
    }

    static List<NumberConfig> numbers(ConfigNode numbers) {
        List<NumberConfig> bound = new ArrayList<>();
        Map<String, String> pathByNumber = new HashMap<>();
        for (ConfigNode entry : numbers.list()) {
            entry.mapping("number", "record", "control", "users", "groups");
            ConfigNode numberNode = entry.get("number");
            String number = numberNode.string();
            String earlier = pathByNumber.putIfAbsent(number, entry.path());
            if (earlier != null) {
                throw numberNode.fail(quote(number) + " is already configured in " + earlier);
            }
            bound.add(new NumberConfig(
                    number,
                    entry.get("record").optionalBool(),
                    entry.get("control").optionalChoice(ControlMode.class),
                    names(entry.get("users")),
                    names(entry.get("groups"))));
        }
        return List.copyOf(bound);
    }

    private static List<String> names(ConfigNode list) {
        List<String> names = new ArrayList<>();
        for (ConfigNode name : list.list()) {
            String value = name.string();
            if (names.contains(value)) {
                throw name.fail(quote(value) + " is listed twice");
            }
            names.add(value);
        }
        return List.copyOf(names);
    }

    /** Every {@code numbers[].users} entry names a configured user. */
    static void checkUsers(ConfigNode numbers, List<NumberConfig> bound, List<UserConfig> users) {
        List<ConfigNode> entries = numbers.list();
        for (int i = 0; i < bound.size(); i++) {
            List<ConfigNode> names = entries.get(i).get("users").list();
            for (int j = 0; j < names.size(); j++) {
                String id = bound.get(i).users().get(j);
                if (users.stream().noneMatch(user -> user.id().equals(id))) {
                    throw names.get(j).fail(quote(id) + " is no configured user id");
                }
            }
        }
    }
}
