package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.sotto.config.PortRange;

class PortAllocatorTest {

    @Test
    void shouldHandOutEvenPortsWithTheirOddPartnerInsideTheRange() {
        PortAllocator allocator = new PortAllocator(new PortRange(20001, 20006));

        assertThat(allocator.pairCount()).isEqualTo(2);
        assertThat(allocator.acquire()).isEqualTo(20002);
        assertThat(allocator.acquire()).isEqualTo(20004);
        assertThat(allocator.acquire()).isEqualTo(-1);
    }

    @Test
    void shouldReuseAFreedPortAsLateAsPossible() {
        PortAllocator allocator = new PortAllocator(new PortRange(20000, 20007));
        int first = allocator.acquire();
        allocator.acquire();

        allocator.release(first);

        assertThat(allocator.acquire()).isEqualTo(20004);
        assertThat(allocator.acquire()).isEqualTo(20006);
        assertThat(allocator.acquire()).isEqualTo(first);
        assertThat(allocator.pairsInUse()).isEqualTo(4);
    }

    @Test
    void shouldIgnoreASecondReleaseOfTheSamePair() {
        PortAllocator allocator = new PortAllocator(new PortRange(20000, 20003));
        int port = allocator.acquire();

        allocator.release(port);
        allocator.release(port);

        assertThat(allocator.pairsInUse()).isZero();
    }

    @Test
    void shouldRefuseARangeOutsideUdpPorts() {
        assertThatThrownBy(() -> new PortAllocator(new PortRange(0, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(new PortRange(30000, 20000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDescribeTheRangeAsConfigured() {
        assertThat(new PortAllocator(new PortRange(20000, 29999)).describe()).isEqualTo("20000-29999");
    }
}
