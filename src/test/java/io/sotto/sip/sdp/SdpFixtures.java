package io.sotto.sip.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Golden SDP bodies under src/test/resources/sdp, read byte for byte. */
final class SdpFixtures {
    private SdpFixtures() {
    }

    static String read(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> namesEndingWith(String suffix) {
        try (Stream<Path> files = Files.list(Path.of(SdpFixtures.class.getResource("/sdp").toURI()))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
