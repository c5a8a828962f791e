package io.sotto.media;

import static io.sotto.media.SessionCounters.ERRORS;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * Receives the datagrams of one port of a session and relays them out of the opposite port.
 *
 * <p>Buffer ownership: releases every message it receives; what it forwards it retains first, so
 * the outgoing write owns its own reference and Netty releases it once sent or failed.
 *
 * <p>Nothing escapes: a bad packet is dropped and counted, a socket error (such as the ICMP port
 * unreachable a connected UDP socket reports on its next read or write) is counted, and the
 * channel stays open for the rest of the call.
 */
abstract class DatagramRelayHandler extends ChannelInboundHandlerAdapter {
    protected final DatagramEndpoint in;
    protected final DatagramEndpoint out;
    protected final SessionCounters counters;

    DatagramRelayHandler(DatagramEndpoint in, DatagramEndpoint out, SessionCounters counters) {
        this.in = in;
        this.out = out;
        this.counters = counters;
    }

    /**
     * Relays one datagram of {@code length} bytes starting at {@code index} of {@code packet},
     * which stays owned by the caller.
     */
    abstract void relay(InetSocketAddress sender, ByteBuf packet, int index, int length);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        in.attach(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket datagram) {
                ByteBuf packet = datagram.content();
                relay(datagram.sender(), packet, packet.readerIndex(), packet.readableBytes());
            } else {
                counters.increment(ERRORS);
            }
        } catch (Throwable t) {
            counters.increment(ERRORS);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        try {
            out.flush();
        } catch (Throwable t) {
            counters.increment(ERRORS);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.increment(ERRORS);
    }
}
