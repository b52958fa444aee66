package dev.berth.daemon.api.containers;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnsupportedFieldsTest {
    private static void refuse(String json) {
        UnsupportedFields.refuse(Json.tree(json.getBytes()));
    }

    @Test
    void zeroValuesAndClientDefaultsPass() {
        // what the docker CLI sends for a plain run, and docker-java's explicit nulls
        assertDoesNotThrow(() -> refuse("""
                {"Image":"busybox","Volumes":{},"NetworkDisabled":false,"MacAddress":"","OnBuild":null,
                 "HostConfig":{"CpusetCpus":"","Devices":[],"DeviceCgroupRules":null,"MemorySwappiness":-1,"OomKillDisable":false,
                 "Runtime":"runc","Isolation":"","CgroupParent":"","BlkioWeight":0,"Ulimits":[],"UsernsMode":"","KernelMemory":null}}"""));
    }

    @Test
    void aFieldThatAsksForSomethingIsRefusedByName() {
        var e = assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"CpusetCpus\":\"0\"}}"));
        assertEquals("berth: HostConfig.CpusetCpus is not implemented yet", e.getMessage());
        e = assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"Volumes\":{\"/data\":{}}}"));
        assertEquals("berth: Volumes is not implemented yet", e.getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"MemorySwappiness\":10}}"));
        assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"OomKillDisable\":true}}"));
        assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"Runtime\":\"crun\"}}"));
    }
}
