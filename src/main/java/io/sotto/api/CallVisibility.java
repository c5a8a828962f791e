package io.sotto.api;

import java.util.List;
import java.util.Map;

import io.sotto.call.CallView;
import io.sotto.config.CompanyConfig;
import io.sotto.config.Role;
import io.sotto.config.UserConfig;
import io.sotto.config.Visibility;

/**
 * Which live calls a user sees (SPEC 9): admins all; an agent by their own {@code visibility},
 * else the company's ({@code own}: calls they are an agent of; {@code groups}: also calls of an
 * agent sharing one of their groups; {@code all}); supervisors and analysts by their own setting
 * only, and all calls when they have none. What one cannot see does not exist for them (404).
 */
final class CallVisibility {
    private final CompanyConfig company;
    private final Map<String, UserConfig> usersById;

    CallVisibility(CompanyConfig company, List<UserConfig> users) {
        this.company = company;
        this.usersById = users.stream().collect(java.util.stream.Collectors.toMap(UserConfig::id, user -> user));
    }

    boolean canSee(UserConfig user, CallView call) {
        Role role = user.role() == null ? Role.AGENT : user.role();
        if (role == Role.ADMIN) {
            return true;
        }
        Visibility visibility = user.visibility() != null ? user.visibility()
                : role == Role.AGENT ? company.visibility() : Visibility.ALL;
        if (visibility == Visibility.ALL || call.agents().contains(user.id())) {
            return true;
        }
        if (visibility == Visibility.GROUPS && user.groups() != null) {
            for (String agentId : call.agents()) {
                UserConfig agent = usersById.get(agentId);
                if (agent != null && agent.groups() != null
                        && agent.groups().stream().anyMatch(user.groups()::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
