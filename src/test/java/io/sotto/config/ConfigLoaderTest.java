package io.sotto.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sotto.config.ConfigFixtures.defaults;
import static io.sotto.config.ConfigFixtures.fixture;
import static io.sotto.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ConfigLoaderTest {
    private static final Path REPO_CONFIG = Path.of("config/sotto.yaml");

    @Test
    void shouldLoadBuiltInDefaultAsSpecifiedInSpecSection3() throws IOException {
        SottoConfig expected = new SottoConfig(
                new SipConfig(new HostPort("127.0.0.1", 5060), null, 180, 300),
                new MediaConfig("127.0.0.1", new PortRange(20000, 29999), List.of("PCMU", "PCMA", "telephone-event")),
                new RecordingConfig(Path.of("./recordings"), RecordingFormat.PCM16, PauseBehavior.SKIP),
                new HttpConfig(new HostPort("127.0.0.1", 8080)),
                List.of(new PeerConfig("carrier", PeerKind.TRUNK, "127.0.0.1:5070", new PeerAddress(loopback(), 32, 5070)),
                        new PeerConfig("pbx", PeerKind.PBX, "127.0.0.1:5080", new PeerAddress(loopback(), 32, 5080))),
                new CompanyConfig(
                        new RecordDefaults(true, true, false),
                        ControlMode.PAUSE_RESUME,
                        new DtmfConfig("#11#", "#12#", 3000, true),
                        TransferMode.STOP,
                        Visibility.OWN,
                        PlayRight.OWN,
                        false,
                        null),
                List.of(),
                List.of(),
                new CatalogConfig(CatalogDatabase.SQLITE, null, null, null));

        assertThat(defaults()).isEqualTo(expected);
    }

    @Test
    void shouldPackageTheRepositoryConfigFileAsTheBuiltInDefault() throws IOException {
        byte[] packaged;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sotto.yaml")) {
            assertThat(in).as("sotto.yaml on the classpath").isNotNull();
            packaged = in.readAllBytes();
        }

        assertThat(packaged).isEqualTo(Files.readAllBytes(REPO_CONFIG));
    }

    @Test
    void shouldLoadTheRepositoryConfigFileToTheBuiltInDefault() {
        assertThat(ConfigLoader.load(REPO_CONFIG, List.of())).isEqualTo(defaults());
    }

    @Test
    void shouldLoadTheExamplesDocumentedInTheRepositoryConfigFile(@TempDir Path dir) throws IOException {
        List<String> examples = new ArrayList<>();
        boolean inExample = false;
        for (String line : Files.readAllLines(REPO_CONFIG)) {
            if (line.equals("# Example:")) {
                inExample = true;
            } else if (inExample && line.startsWith("#   ")) {
                examples.add(line.substring(4));
            } else {
                inExample = false;
            }
        }
        Path file = Files.writeString(dir.resolve("examples.yaml"), String.join("\n", examples));

        SottoConfig config = ConfigLoader.load(file, List.of());

        assertThat(config.numbers()).containsExactly(
                new NumberConfig("+15550100", true, ControlMode.ALWAYS, List.of(), List.of("sales")));
        assertThat(config.users()).extracting(UserConfig::id, UserConfig::extension, UserConfig::control)
                .containsExactly(tuple("alice", "1001", ControlMode.ON_DEMAND_FULL));
    }

    @Test
    void shouldKeepDefaultsForKeysAFileLeavesOut() {
        SottoConfig config = load("partial.yaml");

        assertThat(config.sip().listen()).isEqualTo(new HostPort("127.0.0.1", 5062));
        assertThat(config.company().dtmf()).isEqualTo(new DtmfConfig("#11#", "#12#", 2000, true));
        assertThat(config.media()).isEqualTo(defaults().media());
        assertThat(config.peers()).isEqualTo(defaults().peers());
    }

    @Test
    void shouldReplaceTheDefaultListWithTheFilesList() {
        assertThat(load("one-peer.yaml").peers()).extracting(PeerConfig::name).containsExactly("lab-pbx");
    }

    @Test
    void shouldTreatAnEmptyFileAsAllDefaults() {
        assertThat(load("empty.yaml")).isEqualTo(defaults());
    }

    @Test
    void shouldTreatAnEmptySectionAsItsDefaults() {
        assertThat(load("empty-section.yaml")).isEqualTo(defaults());
    }

    @Test
    void shouldBindEveryKeyOfAFullFile() throws IOException {
        SottoConfig config = load("full.yaml");

        assertThat(config.sip()).isEqualTo(new SipConfig(new HostPort("::1", 5061), "sbc.example.com", 180, 300));
        assertThat(config.sip().listen()).hasToString("[::1]:5061");
        assertThat(config.media()).isEqualTo(
                new MediaConfig("127.0.0.1", new PortRange(30000, 30099), List.of("PCMA", "telephone-event")));
        assertThat(config.recording()).isEqualTo(
                new RecordingConfig(Path.of("/var/spool/sotto"), RecordingFormat.G711, PauseBehavior.SILENCE,
                        FsyncPolicy.INTERVAL));
        assertThat(config.http().listen()).isEqualTo(new HostPort("localhost", 8081));
        assertThat(config.company()).isEqualTo(new CompanyConfig(
                new RecordDefaults(false, true, true), ControlMode.ON_DEMAND, new DtmfConfig("*1A", "*2B", 1500, true),
                TransferMode.CONTINUE, Visibility.GROUPS, PlayRight.ALL, true, null));
        assertThat(config.numbers()).containsExactly(
                new NumberConfig("+15550100", true, ControlMode.ALWAYS),
                new NumberConfig("0800123", null, null, List.of("alice"), List.of("sales", "support")));
        assertThat(config.catalog()).isEqualTo(new CatalogConfig(CatalogDatabase.POSTGRESQL,
                "jdbc:postgresql://db.example.net:5432/sotto", "sotto", "secret"));
        assertThat(config.users()).containsExactly(
                new UserConfig("alice", "Alice", "1001", Role.AGENT, List.of("sales"), ControlMode.ON_DEMAND_FULL,
                        null, null, null, "3c1f817a48404f22c2d62739ea5924cf68171ca9ec2e94150cd8cfbe59ecb5a4"),
                new UserConfig("sam", "sam", null, Role.SUPERVISOR, List.of(), null,
                        Visibility.ALL, PlayRight.OWN, true, null));
    }

    @Test
    void shouldParseEveryPeerAddressForm() throws IOException {
        List<PeerConfig> peers = load("full.yaml").peers();

        assertThat(peers).extracting(PeerConfig::address).containsExactly(
                "192.0.2.10:5060", "198.51.100.0/24", "127.0.0.1", "[::1]:5080", "2001:db8::/32", "localhost:5090");
        assertThat(peers.get(0).match()).isEqualTo(new PeerAddress(InetAddress.getByName("192.0.2.10"), 32, 5060));
        assertThat(peers.get(1).match()).isEqualTo(new PeerAddress(InetAddress.getByName("198.51.100.0"), 24, 0));
        assertThat(peers.get(2).match()).isEqualTo(new PeerAddress(loopback(), 32, 0));
        assertThat(peers.get(3).match()).isEqualTo(new PeerAddress(InetAddress.getByName("::1"), 128, 5080));
        assertThat(peers.get(4).match()).isEqualTo(new PeerAddress(InetAddress.getByName("2001:db8::"), 32, 0));
        assertThat(peers.get(5).match().network().isLoopbackAddress()).isTrue();
        assertThat(peers.get(5).match().isHost()).isTrue();
        assertThat(peers.get(5).match().port()).isEqualTo(5090);

        assertThat(peers.get(0).matches(InetAddress.getByName("192.0.2.10"), 5060)).isTrue();
        assertThat(peers.get(0).matches(InetAddress.getByName("192.0.2.10"), 5061)).isFalse();
        assertThat(peers.get(1).matches(InetAddress.getByName("198.51.100.77"), 40000)).isTrue();
        assertThat(peers.get(1).matches(InetAddress.getByName("198.51.101.77"), 40000)).isFalse();
        assertThat(peers.get(4).matches(InetAddress.getByName("2001:db8:ffff::1"), 5060)).isTrue();
    }

    @Test
    void shouldNameTheFileThatDoesNotExist() {
        Path missing = Path.of("no/such/sotto.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void shouldGiveTheLineOfMalformedYaml() {
        Path file = fixture("malformed.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": line 3, column 13: mapping values are not allowed here");
    }

    @Test
    void shouldRejectAKeyGivenTwice() {
        Path file = fixture("duplicate-key.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": line 3, column 10: Duplicate field 'address'");
    }

    @Test
    void shouldRejectAFileThatIsNotAMapping() {
        Path file = fixture("top-level-list.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": expected a mapping of sections (sip, media, recording, ...) at the top");
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }
}
