package io.sotto.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sotto.call.CallView;
import io.sotto.catalog.CatalogEntry;
import io.sotto.catalog.VisibilityScope;
import io.sotto.config.CompanyConfig;
import io.sotto.config.NumberConfig;
import io.sotto.config.PlayRight;
import io.sotto.config.Role;
import io.sotto.config.UserConfig;
import io.sotto.config.Visibility;

/**
 * Who sees, plays and downloads which calls and recordings (docs/configuration.md, "users": "Who sees,
 * plays and downloads what"), one rule for live calls and the catalog alike.
 *
 * <ul>
 *   <li>Admins see, play and download everything.</li>
 *   <li>An agent uses their own {@code visibility}, {@code play} and {@code download}, else the
 *       company's.</li>
 *   <li>Supervisors and analysts use only their own settings, never the company's agent
 *       defaults; without one they see all calls and play all recordings (their job is to review
 *       them) but do not download (a copy leaves Sotto's control), until their user says so.</li>
 *   <li>{@code own}: calls they are an agent of, and missed calls (no agent took them) to the
 *       numbers routed to them or their groups; {@code groups}: also calls of the members of their
 *       groups and every call to the numbers routed to their groups; {@code all}: every call.</li>
 *   <li>{@code play: own} is the recordings of calls they are an agent of; downloading needs the
 *       right to play the recording and {@code download: true}.</li>
 * </ul>
 * What one cannot see does not exist for them (404); what one sees but may not play is 403.
 */
final class CallVisibility {
    private final CompanyConfig company;
    private final List<UserConfig> users;
    private final List<NumberConfig> numbers;

    CallVisibility(CompanyConfig company, List<UserConfig> users, List<NumberConfig> numbers) {
        this.company = company;
        this.users = List.copyOf(users);
        this.numbers = List.copyOf(numbers);
    }

    boolean canSee(UserConfig user, CallView call) {
        return scopeOf(user).includes(call.agents(), call.number());
    }

    boolean canSee(UserConfig user, CatalogEntry recording) {
        return scopeOf(user).includes(recording.agents(), recording.number());
    }

    boolean canPlay(UserConfig user, CatalogEntry recording) {
        if (roleOf(user) == Role.ADMIN) {
            return true;
        }
        if (!canSee(user, recording)) {
            return false;
        }
        PlayRight play = user.play() != null ? user.play()
                : roleOf(user) == Role.AGENT ? company.play() : PlayRight.ALL;
        return switch (play) {
            case ALL -> true;
            case OWN -> recording.agents().contains(user.id());
            case NONE -> false;
        };
    }

    boolean canDownload(UserConfig user, CatalogEntry recording) {
        if (roleOf(user) == Role.ADMIN) {
            return true;
        }
        boolean download = user.download() != null ? user.download()
                : roleOf(user) == Role.AGENT && company.download();
        return download && canPlay(user, recording);
    }

    static boolean isAdmin(UserConfig user) {
        return roleOf(user) == Role.ADMIN;
    }

    /** The calls {@code user} may see, as sets a live call or a catalog query is checked against. */
    VisibilityScope scopeOf(UserConfig user) {
        Role role = roleOf(user);
        if (role == Role.ADMIN) {
            return VisibilityScope.all();
        }
        Visibility visibility = user.visibility() != null ? user.visibility()
                : role == Role.AGENT ? company.visibility() : Visibility.ALL;
        if (visibility == Visibility.ALL) {
            return VisibilityScope.all();
        }
        List<String> groups = user.groups() == null ? List.of() : user.groups();
        Set<String> agents = new HashSet<>(Set.of(user.id()));
        Set<String> missedNumbers = new HashSet<>();
        Set<String> everyCallNumbers = new HashSet<>();
        for (NumberConfig number : numbers) {
            boolean toTheirGroups = number.groups().stream().anyMatch(groups::contains);
            if (toTheirGroups || number.users().contains(user.id())) {
                missedNumbers.add(number.number());
            }
            if (visibility == Visibility.GROUPS && toTheirGroups) {
                everyCallNumbers.add(number.number());
            }
        }
        if (visibility == Visibility.GROUPS) {
            for (UserConfig other : users) {
                if (other.groups() != null && other.groups().stream().anyMatch(groups::contains)) {
                    agents.add(other.id());
                }
            }
        }
        return new VisibilityScope(false, agents, missedNumbers, everyCallNumbers);
    }

    private static Role roleOf(UserConfig user) {
        return user.role() == null ? Role.AGENT : user.role();
    }
}
