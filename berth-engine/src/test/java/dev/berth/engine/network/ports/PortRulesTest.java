package dev.berth.engine.network.ports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortRulesTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aContainerGetsOneDnatRulePerPortInItsBridgesChain() {
        List<PortRules.Rule> rules = PortRules.containerRules("berth0", ID, "172.18.0.2",
                List.of(new PublishedPort("tcp", 80, "0.0.0.0", 8080), new PublishedPort("udp", 53, "127.0.0.1", 5353)));
        assertEquals("""
                *nat
                -A BERTH-DNAT-berth0 -p tcp -m tcp --dport 8080 -m comment --comment "berth:berth0 0123456789ab" -j DNAT --to-destination 172.18.0.2:80
                -A BERTH-DNAT-berth0 -d 127.0.0.1/32 -p udp -m udp --dport 5353 -m comment --comment "berth:berth0 0123456789ab" -j DNAT --to-destination 172.18.0.2:53
                COMMIT
                """, PortRules.restoreInput("-A", rules));
    }

    @Test
    void theBridgeRulesForwardLocalAddressesLocalhostAndHairpin() {
        List<String> lines = PortRules.bridgeRules("berth0", "172.18.0.0/16").stream().map(r -> r.line("-A")).toList();
        assertEquals(List.of(
                "-A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment berth:berth0 -j BERTH-DNAT-berth0",
                "-A OUTPUT -m addrtype --dst-type LOCAL -m comment --comment berth:berth0 -j BERTH-DNAT-berth0",
                "-A POSTROUTING -s 127.0.0.0/8 -o berth0 -m comment --comment berth:berth0 -j MASQUERADE",
                "-A POSTROUTING -s 172.18.0.0/16 -o berth0 -m conntrack --ctstate DNAT -m comment --comment berth:berth0 -j MASQUERADE"), lines);
    }

    @Test
    void teardownFindsTheBridgesRulesInIptablesSaveButNotItsOutboundMasquerade() {
        String save = """
                *nat
                :BERTH-DNAT-berth0 - [0:0]
                -A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment "berth:berth0" -j BERTH-DNAT-berth0
                -A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment "berth:berth1" -j BERTH-DNAT-berth1
                -A POSTROUTING -s 172.18.0.0/16 ! -o berth0 -m comment --comment "berth:berth0" -j MASQUERADE
                -A POSTROUTING -s 127.0.0.0/8 -o berth0 -m comment --comment "berth:berth0" -j MASQUERADE
                -A POSTROUTING -s 172.18.0.0/16 -o berth0 -m conntrack --ctstate DNAT -m comment --comment "berth:berth0" -j MASQUERADE
                -A BERTH-DNAT-berth0 -p tcp -m tcp --dport 8080 -m comment --comment "berth:berth0 0123456789ab" -j DNAT --to-destination 172.18.0.2:80
                COMMIT
                """;
        List<String> found = PortRules.ownedBy("berth0", save).stream().map(r -> r.line("-D")).toList();
        assertEquals(List.of(
                "-D PREROUTING -m addrtype --dst-type LOCAL -m comment --comment berth:berth0 -j BERTH-DNAT-berth0",
                "-D POSTROUTING -s 127.0.0.0/8 -o berth0 -m comment --comment berth:berth0 -j MASQUERADE",
                "-D POSTROUTING -s 172.18.0.0/16 -o berth0 -m conntrack --ctstate DNAT -m comment --comment berth:berth0 -j MASQUERADE",
                "-D BERTH-DNAT-berth0 -p tcp -m tcp --dport 8080 -m comment --comment \"berth:berth0 0123456789ab\" -j DNAT --to-destination 172.18.0.2:80"), found);
    }
}
