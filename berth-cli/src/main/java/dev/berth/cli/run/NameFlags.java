package dev.berth.cli.run;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --add-host}, {@code --dns}, {@code --dns-search} and {@code --link} checked and
 * normalised as the docker CLI does (its opts package), with its messages.
 */
final class NameFlags {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DOMAIN = Pattern.compile("^(:?(\\.?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)+)\\.?$");

    private NameFlags() {}

    /** {@code NAME:IP} or {@code NAME=IP}, the IP possibly in brackets, or {@code host-gateway}; sent as {@code NAME:IP}. */
    static List<String> extraHosts(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String val : values) {
            int sep = val.indexOf('=');
            if (sep < 0) sep = val.indexOf(':');
            String name = sep < 0 ? "" : val.substring(0, sep);
            if (sep < 0 || name.isEmpty() || name.contains(":")) throw invalid(val, "--add-host", "bad format for add-host: \"" + val + "\"");
            String ip = val.substring(sep + 1);
            if (!ip.equals("host-gateway")) {
                if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
                if (literal(ip) == null) throw invalid(val, "--add-host", "invalid IP address in add-host: \"" + ip + "\"");
            }
            out.add(name + ":" + ip);
        }
        return out;
    }

    static List<String> dns(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            InetAddress a = literal(v.trim());
            if (a == null) throw invalid(v, "--dns", "IP address is not correctly formatted: " + v);
            out.add(v.trim());
        }
        return out;
    }

    static List<String> dnsSearch(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String t = v.trim();
            if (!t.equals(".") && (!t.matches(".*[a-zA-Z].*") || !DOMAIN.matcher(t).matches() || t.length() >= 255)) {
                throw invalid(v, "--dns-search", t + " is not a valid domain");
            }
            out.add(t);
        }
        return out;
    }

    /** {@code NAME} or {@code NAME:ALIAS}; anything with two colons is refused. */
    static List<String> links(List<String> values) {
        for (String v : values) {
            if (v.isEmpty()) throw invalid(v, "--link", "empty string specified for links");
            if (v.split(":", 3).length > 2) throw invalid(v, "--link", "bad format for links: " + v);
        }
        return values;
    }

    private static InetAddress literal(String s) {
        if (!V4.matcher(s).matches() && !(s.contains(":") && s.matches("[0-9a-fA-F:.]+"))) return null;
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static ConfigException invalid(String value, String flag, String why) {
        return new ConfigException("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + why);
    }
}
