package dev.berth.engine.network.ipam;

import dev.berth.common.errors.BerthException;

/**
 * An IPv4 block, {@code a.b.c.d/len}, kept as its first address and prefix length. The address
 * as written is kept too: Docker echoes a subnet back exactly as the client gave it.
 */
public record Cidr(long base, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix " + prefix);
        base = base & mask(prefix);
    }

    /** Parses {@code a.b.c.d/len} (or a bare address, a /32); {@code what} names the flag in errors. */
    public static Cidr parse(String text, String what) {
        try {
            String[] p = text.trim().split("/", -1);
            if (p.length > 2) throw new IllegalArgumentException();
            return new Cidr(address(p[0]), p.length == 2 ? Integer.parseInt(p[1]) : 32);
        } catch (RuntimeException e) {
            throw new BerthException.InvalidArgument("invalid " + what + " " + text + ": invalid CIDR address: " + text);
        }
    }

    /** Parses a dotted IPv4 address into its 32 bits. */
    public static long address(String text) {
        String[] o = text.trim().split("\\.", -1);
        if (o.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + text);
        long ip = 0;
        for (String s : o) {
            int v = Integer.parseInt(s);
            if (v < 0 || v > 255 || s.isEmpty()) throw new IllegalArgumentException("not an IPv4 address: " + text);
            ip = (ip << 8) | v;
        }
        return ip;
    }

    public static boolean isAddress(String text) {
        try {
            address(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String format(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    public long last() {
        return base | (~mask(prefix) & 0xffffffffL);
    }

    public boolean contains(long ip) {
        return ip >= base && ip <= last();
    }

    public boolean contains(Cidr other) {
        return contains(other.base) && contains(other.last());
    }

    public boolean overlaps(Cidr other) {
        return base <= other.last() && other.base <= last();
    }

    /** The n-th address of the block (1 = the first host, Docker's default gateway). */
    public String host(long n) {
        return format(base + n);
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
