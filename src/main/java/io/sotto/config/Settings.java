package io.sotto.config;

import java.util.List;
import java.util.Optional;

/**
 * The settings an admin may change while Sotto runs (docs/configuration.md, "Live settings"): the
 * company defaults, the numbers' rules and the users. Immutable: a change makes a new snapshot,
 * which {@link LiveSettings} publishes; a call keeps the snapshot it started with.
 */
public record Settings(CompanyConfig company, List<NumberConfig> numbers, List<UserConfig> users) {
    public Settings {
        numbers = List.copyOf(numbers);
        users = List.copyOf(users);
    }

    /** The rule of {@code number}, or null when it has none. */
    public NumberConfig number(String number) {
        if (number == null) {
            return null;
        }
        for (NumberConfig rule : numbers) {
            if (number.equals(rule.number())) {
                return rule;
            }
        }
        return null;
    }

    public Optional<UserConfig> user(String id) {
        return users.stream().filter(user -> user.id().equals(id)).findFirst();
    }
}
