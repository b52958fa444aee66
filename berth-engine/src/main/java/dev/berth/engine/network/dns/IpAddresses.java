package dev.berth.engine.network.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP addresses only: never a name lookup (InetAddress.getByName would resolve a host name). */
public final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpAddresses() {}

    /** The address {@code s} spells, or null if it is not a literal IPv4 or IPv6 address (zones refused). */
    public static InetAddress parse(String s) {
        if (s == null || s.isEmpty()) return null;
        boolean v4 = V4.matcher(s).matches();
        if (!v4 && !(s.contains(":") && V6.matcher(s).matches())) return null;
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** Go's net.IP.String(): dotted IPv4, and IPv6 in its shortest form ({@code ::1}, {@code 2001:db8::8}). */
    public static String format(InetAddress a) {
        if (a instanceof java.net.Inet4Address) return a.getHostAddress();
        byte[] b = a.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && words[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }
}
