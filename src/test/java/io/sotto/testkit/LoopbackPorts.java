package io.sotto.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ports on 127.0.0.1 for processes a test starts, and whether a port is bound yet. Free ports come
 * from the kernel's ephemeral range, so runs in parallel with a Sotto on its default ports
 * (5060, 20000-29999) or with other tests do not collide. Whether a port is bound is read from
 * {@code /proc/net/udp} and {@code /proc/net/tcp} (Linux), never by binding it, which would race
 * with the process that is about to; {@link #isBoundBy} also checks which process holds it.
 */
public final class LoopbackPorts {
    public static final String LOOPBACK = "127.0.0.1";
    private static final int MAX_TRIES = 50;
    private static final int MAX_PORT = 65535;
    private static final String UDP_UNCONNECTED = "07";
    private static final String TCP_LISTEN = "0A";
    private static final int INODE_FIELD = 9;

    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports, each free for both UDP and TCP: SIPp listens on both kinds
     * under one number. Every probe socket stays open until all are picked, so none repeats.
     */
    public static int[] freeSipPorts(int count) {
        List<Closeable> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempt = 0; found < count && attempt < MAX_TRIES; attempt++) {
                ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                held.add(tcp);
                DatagramSocket udp = tryBindUdp(tcp.getLocalPort());
                if (udp != null) {
                    held.add(udp);
                    ports[found++] = tcp.getLocalPort();
                }
            }
            return requireAll(ports, found, "UDP and TCP ports");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an ephemeral TCP port on " + LOOPBACK, e);
        } finally {
            closeAll(held);
        }
    }

    /**
     * {@code count} even ports {@code p}, each with {@code p}, {@code p+1} and {@code p+2} free
     * for UDP (SIPp binds {@code -mp} and {@code -mp}+2), none overlapping another.
     */
    public static int[] freeMediaPorts(int count) {
        List<Closeable> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempt = 0; found < count && attempt < MAX_TRIES; attempt++) {
                DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                held.add(probe);
                int base = probe.getLocalPort() & ~1;
                if (base + 2 > MAX_PORT) {
                    continue;
                }
                List<DatagramSocket> triple = new ArrayList<>();
                for (int port = base; port <= base + 2; port++) {
                    DatagramSocket socket = port == probe.getLocalPort() ? probe : tryBindUdp(port);
                    if (socket != null) {
                        triple.add(socket);
                    }
                }
                held.addAll(triple);
                if (triple.size() == 3) {
                    ports[found++] = base;
                }
            }
            return requireAll(ports, found, "media port triples");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an ephemeral UDP port on " + LOOPBACK, e);
        } finally {
            closeAll(held);
        }
    }

    /**
     * Whether some process has {@code 127.0.0.1:port} bound (UDP) or listening (TCP), on an IPv4
     * socket (as SIPp opens) or a dual-stack IPv6 one (as the JDK opens), bound to loopback or to
     * any address.
     */
    public static boolean isBound(int port, Transport transport) {
        return !boundSocketInodes(port, transport).isEmpty();
    }

    /** Whether the process {@code pid} itself holds that bound or listening socket. */
    public static boolean isBoundBy(long pid, int port, Transport transport) {
        Set<String> inodes = boundSocketInodes(port, transport);
        if (inodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target = readLinkOrEmpty(fd);
                // a socket descriptor links to "socket:[<inode>]"
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static Set<String> boundSocketInodes(int port, Transport transport) {
        String kind = transport == Transport.UDP ? "udp" : "tcp";
        String state = transport == Transport.UDP ? UDP_UNCONNECTED : TCP_LISTEN;
        // /proc/net addresses are hex words in host order (little-endian here), port in hex.
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new HashSet<>();
        collect(Path.of("/proc/net/" + kind), state, inodes, "0100007F" + hexPort, "00000000" + hexPort);
        collect(Path.of("/proc/net/" + kind + "6"), state, inodes,
                "0000000000000000FFFF00000100007F" + hexPort, "00000000000000000000000000000000" + hexPort);
        return inodes;
    }

    private static void collect(Path table, String state, Set<String> inodes, String loopback, String any) {
        if (!Files.exists(table)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + " (Linux only)", e);
        }
        for (String line : lines.subList(1, lines.size())) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            String[] fields = line.trim().split("\\s+");
            if (fields.length > INODE_FIELD && (fields[1].equals(loopback) || fields[1].equals(any))
                    && fields[3].equals(state)) {
                inodes.add(fields[INODE_FIELD]);
            }
        }
    }

    private static String readLinkOrEmpty(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static DatagramSocket tryBindUdp(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            return null;
        }
    }

    private static int[] requireAll(int[] ports, int found, String what) {
        if (found < ports.length) {
            throw new IllegalStateException("found " + found + " of " + ports.length + " free " + what
                    + " after " + MAX_TRIES + " tries");
        }
        return ports;
    }

    private static void closeAll(List<Closeable> sockets) {
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // a probe socket that fails to close holds nothing we need
            }
        }
    }
}
