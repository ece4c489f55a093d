package dev.tollgate.filters.edge;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;

/**
 * The header-read deadline ({@code tollgate.gateway.connections.header-timeout}), which Reactor Netty lacks: its
 * idle timeout restarts with every byte and its read and request timeouts start only once the headers are complete,
 * so a caller trickling a request head one byte at a time held a connection forever. Two handlers share one timer:
 * the front one, before any decoding, arms it when the connection opens and at the first bytes after a complete
 * request; the back one, after the HTTP decoder, disarms it when a request head has been decoded. When it fires the
 * connection is closed. Everything runs on the channel's event loop.
 */
public final class RequestHeadDeadline {

	static final String FRONT = "tollgate.headDeadline.front";

	static final String BACK = "tollgate.headDeadline.back";

	private final long timeoutMillis;

	private ScheduledFuture<?> timer;

	/** Between a complete request and the next request head: the next bytes start a head. */
	private boolean awaitingHead = true;

	private RequestHeadDeadline(Duration timeout) {
		this.timeoutMillis = timeout.toMillis();
	}

	/** Adds the deadline to an HTTP/1.1 server pipeline; does nothing on a pipeline without the HTTP/1.1 codec. */
	public static void install(ChannelPipeline pipeline, Duration timeout) {
		if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(FRONT) != null) {
			return;
		}
		RequestHeadDeadline deadline = new RequestHeadDeadline(timeout);
		pipeline.addFirst(FRONT, deadline.new Front());
		pipeline.addAfter(NettyPipeline.HttpCodec, BACK, deadline.new Back());
	}

	private void arm(ChannelHandlerContext ctx) {
		if (this.timer == null) {
			this.timer = ctx.executor().schedule(() -> {
				this.timer = null;
				if (this.awaitingHead) {
					ctx.channel().close();
				}
			}, this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void disarm() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	private final class Front extends ChannelInboundHandlerAdapter {

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			arm(ctx);
			ctx.fireChannelActive();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (RequestHeadDeadline.this.awaitingHead) {
				arm(ctx);
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			disarm();
			ctx.fireChannelInactive();
		}

	}

	private final class Back extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest) {
				RequestHeadDeadline.this.awaitingHead = false;
				disarm();
			}
			if (msg instanceof LastHttpContent) {
				// The next bytes start the next head; a connection idle until then is the idle timeout's.
				RequestHeadDeadline.this.awaitingHead = true;
			}
			ctx.fireChannelRead(msg);
		}

	}

}
