package io.sotto.testkit.phone;

/** Turns JAIN-SIP's checked exceptions into unchecked ones that say what the phone was doing. */
final class Checked {
    @FunctionalInterface
    interface Action<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    interface VoidAction {
        void run() throws Exception;
    }

    private Checked() {
    }

    static <T> T get(String doing, Action<T> action) {
        try {
            return action.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(doing + ": " + e, e);
        }
    }

    static void run(String doing, VoidAction action) {
        get(doing, () -> {
            action.run();
            return null;
        });
    }
}
