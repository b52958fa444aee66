package dev.berth.distribution.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChallengeTest {
    @Test
    void parsesABearerChallengeWithACommaInAQuotedScope() {
        List<Challenge> c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");
        assertEquals(1, c.size());
        assertEquals("bearer", c.getFirst().scheme());
        assertEquals("https://auth.example/token", c.getFirst().param("realm"));
        assertEquals("registry.example", c.getFirst().param("service"));
        assertEquals("repository:a/b:pull,push", c.getFirst().param("scope"));
    }

    @Test
    void parsesSeveralChallengesAndBareTokens() {
        List<Challenge> c = Challenge.parse("Basic realm=\"berth\", Bearer realm=x,service=y");
        assertEquals(2, c.size());
        assertEquals("basic", c.get(0).scheme());
        assertEquals("berth", c.get(0).param("realm"));
        assertEquals("x", c.get(1).param("realm"));
        assertEquals("y", c.get(1).param("service"));
    }
}
