package io.sotto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sotto.config.DtmfConfig;

class DigitCollectorTest {
    private static final DtmfConfig DEFAULTS = new DtmfConfig("#11#", "#12#", 3000, true);
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(200);

    private final DigitCollector collector = new DigitCollector(DEFAULTS);
    private long now = 1_000_000_000L;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "#11#,         PAUSE",
            "#12#,         RESUME",
            "4111#11#,     PAUSE",
            "4111#12#,     RESUME",
            "##11#,        PAUSE",
            "#1#11#,       PAUSE",
            "#11,          none",
            "11#,          none",
            "#13#,         none",
            "#21#,         none",
            "1234567890*#, none",
    })
    void shouldActWhenTheDigitsEndInACode(String digits, RecordingAction expected) {
        assertThat(keyAll(digits)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "#,     true",
            "#1,    true",
            "#12,   true",
            "42#1,  true",
            "#15,   false",
            "4711,  false",
            "#11#,  false",
            "#1#,   true",
    })
    void shouldTellWhenTheDigitsHeldEndInTheStartOfACode(String digits, boolean expected) {
        keyAll(digits);

        assertThat(collector.holdsCodeStart()).isEqualTo(expected);
    }

    @Test
    void shouldPauseOnPoundElevenPound() {
        assertThat(keyAll("#11#")).contains(RecordingAction.PAUSE);
    }

    @Test
    void shouldAnswerOnlyOnTheDigitThatCompletesTheCode() {
        List<Optional<RecordingAction>> answers = new ArrayList<>();
        for (char digit : "#11#".toCharArray()) {
            answers.add(key(digit));
        }
        assertThat(answers).containsExactly(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(RecordingAction.PAUSE));
    }

    @Test
    void shouldForgetTheDigitsOnceACodeMatched() {
        assertThat(keyAll("#11#")).contains(RecordingAction.PAUSE);

        // Without the reset, "#11#" + "12#" would end in "#12#".
        assertThat(keyAll("12#")).isEmpty();
        assertThat(collector.held()).isEqualTo(3);
        assertThat(keyAll("#12#")).contains(RecordingAction.RESUME);
    }

    @Test
    void shouldStartAfreshAfterTheInterDigitTimeout() {
        keyAll("#1");
        now += TimeUnit.MILLISECONDS.toNanos(3001);

        assertThat(keyAll("1#")).isEmpty();
        assertThat(keyAll("#11#")).contains(RecordingAction.PAUSE);
    }

    @Test
    void shouldNotMatchACodeSplitByATimeout() {
        keyAll("#11");
        now += TimeUnit.MILLISECONDS.toNanos(3500);

        assertThat(key('#')).isEmpty();
    }

    @Test
    void shouldMatchWhenTheGapIsExactlyTheInterDigitTime() {
        keyAll("#11");
        now += TimeUnit.MILLISECONDS.toNanos(3000) - STEP;

        assertThat(key('#')).contains(RecordingAction.PAUSE);
    }

    @Test
    void shouldCountTheGapFromTheLastDigitNotTheFirst() {
        for (char digit : "#11#".toCharArray()) {
            now += TimeUnit.MILLISECONDS.toNanos(2900);
            Optional<RecordingAction> answer = collector.feed(digit, now);
            if (digit == '#' && collector.held() == 0) {
                assertThat(answer).contains(RecordingAction.PAUSE);
            }
        }
        assertThat(collector.held()).isZero();
    }

    @ParameterizedTest(name = "pause {0}, resume {1}: {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "*9,   *8,   5*9,   PAUSE",
            "*9,   *8,   5*8,   RESUME",
            "*9,   *8,   #11#,  none",
            "*9,   *8,   #12#,  none",
            "A1B,  C2D,  9A1B,  PAUSE",
            "a1b,  c2d,  C2D,   RESUME",
            "A1B,  C2D,  a1b,   PAUSE",
            "**0,  **1,  ***1,  RESUME",
    })
    void shouldUseTheCodesFromConfig(String pause, String resume, String digits, RecordingAction expected) {
        DigitCollector custom = new DigitCollector(new DtmfConfig(pause, resume, 3000, true));
        Optional<RecordingAction> last = Optional.empty();
        for (char digit : digits.toCharArray()) {
            now += STEP;
            last = custom.feed(digit, now);
        }
        assertThat(last).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void shouldUseTheInterDigitTimeFromConfig() {
        DigitCollector quick = new DigitCollector(new DtmfConfig("#11#", "#12#", 500, true));
        quick.feed('#', now);
        quick.feed('1', now += TimeUnit.MILLISECONDS.toNanos(400));
        quick.feed('1', now += TimeUnit.MILLISECONDS.toNanos(400));

        assertThat(quick.feed('#', now += TimeUnit.MILLISECONDS.toNanos(600))).isEmpty();
    }

    @Test
    void shouldHoldNoMoreDigitsThanTheLongestCode() {
        DigitCollector custom = new DigitCollector(new DtmfConfig("#1#", "*1234*", 3000, true));
        for (int i = 0; i < 10_000; i++) {
            custom.feed((char) ('0' + i % 10), now += STEP);
            assertThat(custom.held()).isLessThanOrEqualTo(6);
        }
        assertThat(custom.held()).isEqualTo(6);
        assertThat(custom.feed('#', now += STEP)).isEmpty();
        assertThat(custom.feed('1', now += STEP)).isEmpty();
        assertThat(custom.feed('#', now += STEP)).contains(RecordingAction.PAUSE);
    }

    @Test
    void shouldIgnoreCharactersThatAreNoDtmfDigits() {
        keyAll("#11");

        assertThat(key('\0')).isEmpty();
        assertThat(key('E')).isEmpty();
        assertThat(key('x')).isEmpty();
        assertThat(collector.held()).isEqualTo(3);
        assertThat(key('#')).contains(RecordingAction.PAUSE);
    }

    @Test
    void shouldForgetTheDigitsWhenCleared() {
        keyAll("#11");
        collector.clear();

        assertThat(collector.held()).isZero();
        assertThat(key('#')).isEmpty();
    }

    @Test
    void shouldNeverShowTheDigitsItHolds() {
        keyAll("4111");

        assertThat(collector.toString()).doesNotContain("4111").doesNotContain("411").doesNotContain("111");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"none, #12#, 3000", "'', #12#, 3000", "#11#, #1x#, 3000", "#11#, #12#, 0"})
    void shouldRefuseUnusableConfig(String pause, String resume, int interDigitMs) {
        assertThatThrownBy(() -> new DigitCollector(new DtmfConfig(pause, resume, interDigitMs, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "9, 9", "10, *", "11, #", "12, A", "13, B", "14, C", "15, D"})
    void shouldMapRfc4733EventsToDigits(int event, char digit) {
        assertThat(Rfc4733Events.digitOf(event)).isEqualTo(digit);
    }

    @ParameterizedTest
    @CsvSource({"-1", "16", "32", "255"})
    void shouldMapOtherRfc4733EventsToNoDigit(int event) {
        assertThat(Rfc4733Events.digitOf(event)).isEqualTo('\0');
        assertThat(key(Rfc4733Events.digitOf(event))).isEmpty();
    }

    private Optional<RecordingAction> keyAll(String digits) {
        Optional<RecordingAction> last = Optional.empty();
        for (char digit : digits.toCharArray()) {
            last = key(digit);
        }
        return last;
    }

    private Optional<RecordingAction> key(char digit) {
        now += STEP;
        return collector.feed(digit, now);
    }
}
