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
        var e = assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"CpuRealtimePeriod\":1000}}"));
        assertEquals("berth: HostConfig.CpuRealtimePeriod is not implemented yet", e.getMessage());
        e = assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"Shell\":[\"/bin/sh\"]}"));
        assertEquals("berth: Shell is not implemented yet", e.getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"BlkioWeightDevice\":[{\"Path\":\"/dev/sda\",\"Weight\":10}]}}"));
        assertThrows(BerthException.NotImplemented.class, () -> refuse("{\"HostConfig\":{\"Runtime\":\"crun\"}}"));
    }

    @Test
    void theResourcesBerthActsOnPass() {
        assertDoesNotThrow(() -> refuse("""
                {"HostConfig":{"CpusetCpus":"0","CpusetMems":"0","CpuPeriod":50000,"CpuQuota":25000,"MemoryReservation":33554432,
                 "MemorySwappiness":10,"OomKillDisable":true,"OomScoreAdj":100,"BlkioWeight":300,"DeviceCgroupRules":["c 42:* rmw"],
                 "Devices":[{"PathOnHost":"/dev/null","PathInContainer":"/dev/mynull","CgroupPermissions":"rw"}]}}"""));
    }

    @Test
    void anUpdateRefusesWhatRuncUpdateCannotChange() {
        assertDoesNotThrow(() -> UnsupportedFields.refuseUpdate(Json.tree("""
                {"CpusetCpus":"1","CpuPeriod":50000,"CpuQuota":20000,"MemoryReservation":16777216,"BlkioWeight":300,
                 "MemorySwappiness":-1,"OomKillDisable":false,"Devices":[]}""".getBytes())));
        var e = assertThrows(BerthException.NotImplemented.class,
                () -> UnsupportedFields.refuseUpdate(Json.tree("{\"Devices\":[{\"PathOnHost\":\"/dev/null\"}]}".getBytes())));
        assertEquals("berth: Devices cannot be changed by an update; recreate the container", e.getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> UnsupportedFields.refuseUpdate(Json.tree("{\"OomKillDisable\":true}".getBytes())));
        assertThrows(BerthException.NotImplemented.class, () -> UnsupportedFields.refuseUpdate(Json.tree("{\"MemorySwappiness\":5}".getBytes())));
    }
}
