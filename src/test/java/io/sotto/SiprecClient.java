package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIPREC recording client for tests, in raw SIP over UDP: sends an INVITE with any body exactly
 * as given (a corpus file's bytes), reads the final answer, and ACKs, re-INVITEs and hangs up a
 * session that was answered. Raw text rather than a SIP stack, so that bodies a stack would
 * rewrite or refuse reach Sotto untouched.
 */
final class SiprecClient implements AutoCloseable {
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ?([^\\r\\n]*)");
    private static final Pattern TO_TAG = Pattern.compile("(?im)^(?:To|t):.*;tag=([^;\\s>]+)");

    private final DatagramSocket socket;
    private final int localPort;
    private final int sotto;
    private final String callId = "siprec-" + CALLS.incrementAndGet() + "@" + LOOPBACK;
    private String toTag;
    private int cseq = 1;
    private String lastBranch;

    SiprecClient(int localPort, int sottoPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, localPort));
        this.socket.setReceiveBufferSize(256 * 1024);
        this.localPort = localPort;
        this.sotto = sottoPort;
    }

    /** The final answer to one request: status, reason and the whole message. */
    record Answer(int status, String reason, String message) {
        String body() {
            int at = message.indexOf("\r\n\r\n");
            return at < 0 ? "" : message.substring(at + 4);
        }
    }

    Answer invite(String contentType, String require, byte[] body) throws IOException {
        Answer answer = request("INVITE", contentType, require, body);
        Matcher tag = TO_TAG.matcher(answer.message());
        String answerTag = tag.find() ? tag.group(1) : null;
        if (answer.status() >= 200 && answer.status() < 300) {
            toTag = answerTag;
            send(headers("ACK", cseq, null, null, 0, branch()));
        } else {
            // RFC 3261 §17.1.1.3: a failure is ACKed in its own transaction, or Sotto keeps resending it
            String saved = toTag;
            toTag = answerTag;
            send(headers("ACK", cseq, null, null, 0, lastBranch));
            toTag = saved;
        }
        return answer;
    }

    /** A re-INVITE in the dialog; ACKed when answered 2xx. */
    Answer reinvite(String contentType, byte[] body) throws IOException {
        Answer answer = request("INVITE", contentType, null, body);
        if (answer.status() >= 200 && answer.status() < 300) {
            send(headers("ACK", cseq, null, null, 0, branch()));
        }
        return answer;
    }

    /** An UPDATE in the dialog (RFC 3311), as some recording clients pause with. */
    Answer update(String contentType, byte[] body) throws IOException {
        return request("UPDATE", contentType, null, body);
    }

    Answer bye() throws IOException {
        return request("BYE", null, null, new byte[0]);
    }

    Answer options() throws IOException {
        return request("OPTIONS", null, null, new byte[0]);
    }

    private Answer request(String method, String contentType, String require, byte[] body) throws IOException {
        int seq = "INVITE".equals(method) && toTag == null ? 1 : ++cseq;
        cseq = seq;
        String branch = branch();
        lastBranch = branch;
        byte[] head = headers(method, seq, contentType, require, body.length, branch).getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        send(message);
        return finalAnswer(Duration.ofSeconds(10), method, message);
    }

    private String headers(String method, int seq, String contentType, String require, int length, String branch) {
        StringBuilder text = new StringBuilder()
                .append(method).append(" sip:srs@").append(LOOPBACK).append(':').append(sotto).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(LOOPBACK).append(':').append(localPort).append(";branch=")
                .append(branch).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:sbc@").append(LOOPBACK).append(':').append(localPort).append(">;tag=src")
                .append(localPort).append("\r\n")
                .append("To: <sip:srs@").append(LOOPBACK).append(':').append(sotto).append('>')
                .append(toTag == null ? "" : ";tag=" + toTag).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(seq).append(' ').append(method).append("\r\n")
                .append("Contact: <sip:sbc@").append(LOOPBACK).append(':').append(localPort).append(">;+sip.src\r\n");
        if (require != null && !require.isBlank()) {
            text.append("Require: ").append(require).append("\r\n");
        }
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return text.append("Content-Length: ").append(length).append("\r\n\r\n").toString();
    }

    private void send(String message) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, new InetSocketAddress(LOOPBACK, sotto)));
    }

    private Answer finalAnswer(Duration timeout, String method, byte[] request) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65536];
        long resendAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(100);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() > resendAt) {
                    // RFC 3261 timer A/E: UDP may lose the request (a 50 KB datagram especially)
                    send(request);
                    resendAt = System.nanoTime() + Duration.ofMillis(1000).toNanos();
                }
                continue;
            }
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            Matcher status = STATUS.matcher(message);
            if (status.find() && message.contains(" " + method + "\r\n") && message.contains(callId)
                    && Integer.parseInt(status.group(1)) >= 200) {
                return new Answer(Integer.parseInt(status.group(1)), status.group(2), message);
            }
        }
        throw new IOException(method + " got no final answer within " + timeout);
    }

    private static String branch() {
        return "z9hG4bK-" + Long.toHexString(System.nanoTime());
    }

    @Override
    public void close() {
        socket.close();
    }
}
