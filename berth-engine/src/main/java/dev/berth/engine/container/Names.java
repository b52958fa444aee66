package dev.berth.engine.container;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Container names: validation as Docker does it, and generated {@code adjective_surname} names. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final List<String> LEFT = List.of("admiring", "brave", "calm", "clever", "dreamy", "eager", "elegant",
            "festive", "focused", "gallant", "happy", "hopeful", "jolly", "keen", "kind", "lucid", "modest", "nifty",
            "optimistic", "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "tender", "upbeat", "vibrant",
            "wizardly", "zealous");
    private static final List<String> RIGHT = List.of("albattani", "babbage", "curie", "darwin", "einstein", "feynman",
            "galileo", "hopper", "hypatia", "johnson", "kepler", "lamarr", "lovelace", "meitner", "newton", "noether",
            "pasteur", "ritchie", "shannon", "tesla", "thompson", "torvalds", "turing", "wozniak", "yalow", "zhukovsky");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {}

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    public static String generate() {
        return LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
    }

    public static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
