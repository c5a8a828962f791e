package io.sotto.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which calls a scope takes in, including the calls that have no number or no agent. */
class VisibilityScopeTest {
    private final VisibilityScope alice = new VisibilityScope(false, Set.of("alice"), Set.of("+15550200"),
            Set.of("+15550300"));
    /** One-element sets: {@code Set.of(x).contains(null)} throws from another place than larger sets. */
    private final VisibilityScope single = new VisibilityScope(false, Set.of("alice"), Set.of("+15550200"), Set.of());

    @Test
    void takesInAnInternalCallWithoutANumberByItsAgents() {
        assertThat(alice.includes(List.of("alice", "bob"), null)).isTrue();
        assertThat(alice.includes(List.of("bob", "carol"), null)).isFalse();
        assertThat(single.includes(List.of("bob"), null)).isFalse();
    }

    @Test
    void leavesOutACallWithNeitherNumberNorAgent() {
        assertThat(alice.includes(List.of(), null)).isFalse();
        assertThat(single.includes(null, null)).isFalse();
        assertThat(VisibilityScope.all().includes(List.of(), null)).isTrue();
    }

    @Test
    void skipsAMissingAgentAndStillFindsTheOtherOrTheNumber() {
        assertThat(alice.includes(Arrays.asList(null, "alice"), null)).isTrue();
        assertThat(single.includes(Arrays.asList((String) null), "+15550300")).isFalse();
        assertThat(alice.includes(Arrays.asList((String) null), "+15550300")).isTrue();
    }

    @Test
    void takesInAMissedCallToTheirNumberAndEveryCallToAGroupNumber() {
        assertThat(alice.includes(List.of(), "+15550200")).isTrue();
        assertThat(alice.includes(List.of("bob"), "+15550200")).as("taken by another agent").isFalse();
        assertThat(alice.includes(List.of("bob"), "+15550300")).isTrue();
    }
}
