package dev.berth.engine.container;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerFilesTest {
    @Test
    void goFileModeCarriesTypeBitsAsDockerClientsExpect() {
        assertEquals((1L << 31) | 0755, ContainerFiles.goFileMode(0040755));
        assertEquals(0644, ContainerFiles.goFileMode(0100644));
        assertEquals((1L << 27) | 0777, ContainerFiles.goFileMode(0120777));
        assertEquals((1L << 26) | (1L << 21) | 0666, ContainerFiles.goFileMode(0020666));
        assertEquals((1L << 23) | 0755, ContainerFiles.goFileMode(0104755));
    }
}
