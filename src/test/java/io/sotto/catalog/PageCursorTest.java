package io.sotto.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageCursorTest {
    @Test
    void readsBackTheCursorItWrote() {
        PageCursor cursor = new PageCursor(1_795_000_000_000L, "01M817HKKKK2X9JBQP4HYA8DCD");

        assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void refusesTextThatIsNoCursorOfOurs() {
        for (String text : new String[] {"", "!!!", "bm90LW91cnM", "MTIzOg", "OjAxTTgxN0hL", "MTIzOi4uLy4u"}) {
            assertThat(PageCursor.decode(text)).as(text).isEmpty();
        }
    }
}
