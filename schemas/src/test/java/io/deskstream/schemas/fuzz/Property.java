package io.deskstream.schemas.fuzz;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A property checked on many generated inputs: a small property-based test runner on plain JUnit Jupiter.
 *
 * <p>Every property has its own fixed seed (from its name), so a run is repeatable and a failure found once is found
 * again. {@code -Ddeskstream.fuzz.seed=N} runs every property from seed N instead, and
 * {@code -Ddeskstream.fuzz.seed=random} from a new seed each run (printed on failure), to explore further;
 * {@code -Ddeskstream.fuzz.factor=K} multiplies every property's tries. A failure names the property, the try, the
 * seed to repeat it with, and the input.
 */
public final class Property {

    private static final int SHOWN_CHARS = 2_000;

    private Property() {
    }

    /**
     * Checks {@code check} on {@code tries} inputs made by {@code generate}.
     *
     * @param check throws (an assertion, or whatever the code under test throws) when the property does not hold
     */
    public static <T> void forAll(String name, int tries, Function<Random, T> generate, Consumer<T> check) {
        long seed = seed(name);
        Random random = new Random(seed);
        int total = tries * factor();
        for (int attempt = 1; attempt <= total; attempt++) {
            T input = generate.apply(random);
            try {
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError("property \"" + name + "\" failed on try " + attempt + " of " + total
                        + " (repeat it with -Ddeskstream.fuzz.seed=" + seed + "): " + shown(failure)
                        + "\n  input: " + shown(input), failure);
            }
        }
    }

    /** An input as a failure shows it: its text, cut short when long. */
    public static String shown(Object input) {
        String text = String.valueOf(input);
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " chars)";
    }

    private static long seed(String name) {
        String configured = System.getProperty("deskstream.fuzz.seed", "").strip();
        if (configured.isEmpty()) {
            return name.hashCode();
        }
        if (configured.equals("random")) {
            return new Random().nextLong();
        }
        return Long.parseLong(configured);
    }

    private static int factor() {
        String configured = System.getProperty("deskstream.fuzz.factor", "").strip();
        return configured.isEmpty() ? 1 : Math.max(1, Integer.parseInt(configured));
    }
}
