package dev.berth.cli.format;

import java.util.Comparator;

/**
 * The order docker's CLI sorts names in for {@code volume ls} and {@code network ls}: runs of
 * digits compare as numbers ({@code v2} before {@code v10}), a digit sorts before any other
 * character, other characters compare by code unit. Equal numbers with more leading zeros sort
 * after, and a name that is a prefix of another sorts first.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            boolean dx = isDigit(x);
            boolean dy = isDigit(y);
            if (dx != dy) return dx ? -1 : 1;
            if (!dx) {
                if (x != y) return Character.compare(x, y);
                i++;
                j++;
                continue;
            }
            int zerosEndA = skipZeros(a, i);
            int zerosEndB = skipZeros(b, j);
            int endA = skipDigits(a, zerosEndA);
            int endB = skipDigits(b, zerosEndB);
            // without leading zeros, a shorter run of digits is a smaller number
            if (endA - zerosEndA != endB - zerosEndB) return Integer.compare(endA - zerosEndA, endB - zerosEndB);
            int digits = a.substring(zerosEndA, endA).compareTo(b.substring(zerosEndB, endB));
            if (digits != 0) return digits;
            // the same number: fewer leading zeros first (everything before is equal, so compare positions)
            if (zerosEndA != zerosEndB) return Integer.compare(zerosEndA, zerosEndB);
            i = endA;
            j = endB;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipZeros(String s, int i) {
        while (i < s.length() && s.charAt(i) == '0') i++;
        return i;
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) i++;
        return i;
    }
}
