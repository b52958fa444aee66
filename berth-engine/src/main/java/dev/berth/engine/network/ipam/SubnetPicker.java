package dev.berth.engine.network.ipam;

import dev.berth.common.errors.BerthException;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's default address pools, in Docker's order: 172.17.0.0/16 to 172.31.0.0/16, then
 * 192.168.0.0/16 cut into /20s. The first block that overlaps nothing in use (a host route,
 * another network of this daemon, its default bridge) is the new network's subnet.
 */
public final class SubnetPicker {
    private SubnetPicker() {}

    public static List<Cidr> defaultPools() {
        List<Cidr> pools = new ArrayList<>();
        for (int second = 17; second <= 31; second++) pools.add(new Cidr(Cidr.address("172." + second + ".0.0"), 16));
        for (int third = 0; third < 256; third += 16) pools.add(new Cidr(Cidr.address("192.168." + third + ".0"), 20));
        return pools;
    }

    /** The first default pool overlapping none of {@code used}. */
    public static Cidr pick(List<Cidr> used) {
        for (Cidr candidate : defaultPools()) {
            if (used.stream().noneMatch(candidate::overlaps)) return candidate;
        }
        throw new BerthException.Forbidden("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }
}
