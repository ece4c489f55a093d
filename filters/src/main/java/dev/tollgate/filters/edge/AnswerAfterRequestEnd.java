package dev.tollgate.filters.edge;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * Every answer starts only once its request has ended, for every handler: rejections, 404s, actuator, proxied
 * responses. Reactor Netty 1.3 (up to at least 1.3.7, reactor-netty#4361) stops reading a keep-alive connection
 * when an answer completes before the server has delivered the end of its request (a request queued behind an
 * earlier one, or a body still buffered): the request's trailing content is left in its pipelining queue, draining it
 * dispatches no request, and nothing asks for the next read, so the next request on that connection waits until
 * the client gives up. Waiting for the request end removes that state: the end is always consumed before the
 * answer, so after it the queue holds the next request or nothing.
 *
 * <p>
 * A body nobody read is read here and discarded, up to {@code unreadBodyLimit}; a larger one, or a body someone else
 * is still reading or gave up on, gets its answer with {@code Connection: close} instead, which cannot stall either.
 * A GET costs nothing: its end arrives with its head. Protocol upgrades (WebSocket) pass untouched.
 */
public final class AnswerAfterRequestEnd implements HttpHandler {

	private final HttpHandler delegate;

	private final long unreadBodyLimit;

	public AnswerAfterRequestEnd(HttpHandler delegate, long unreadBodyLimit) {
		this.delegate = delegate;
		this.unreadBodyLimit = unreadBodyLimit;
	}

	@Override
	public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		if (request.getHeaders().containsHeader(HttpHeaders.UPGRADE)) {
			return this.delegate.handle(request, response);
		}
		RequestEnd end = new RequestEnd(request, this.unreadBodyLimit);
		return this.delegate.handle(end, end.answer(response));
	}

	/** The request, watching its body to learn when it ended. */
	private static final class RequestEnd extends ServerHttpRequestDecorator {

		private static final int UNREAD = 0;

		private static final int READING = 1;

		private static final int ENDED = 2;

		private static final int ABANDONED = 3;

		private final AtomicInteger state = new AtomicInteger(UNREAD);

		private final long limit;

		RequestEnd(ServerHttpRequest delegate, long limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				this.state.compareAndSet(UNREAD, READING);
				return watched(super.getBody());
			});
		}

		private Flux<DataBuffer> watched(Flux<DataBuffer> body) {
			return body.doOnComplete(() -> this.state.set(ENDED))
				.doOnError((ex) -> this.state.set(ABANDONED))
				.doOnCancel(() -> this.state.compareAndSet(READING, ABANDONED));
		}

		ServerHttpResponse answer(ServerHttpResponse response) {
			return new ServerHttpResponseDecorator(response) {

				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
					return ended(this).then(Mono.defer(() -> super.writeWith(body)));
				}

				@Override
				public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
					return ended(this).then(Mono.defer(() -> super.writeAndFlushWith(body)));
				}

				@Override
				public Mono<Void> setComplete() {
					return ended(this).then(Mono.defer(super::setComplete));
				}

			};
		}

		/** Completes once the request has ended, or once the answer is marked to close the connection. */
		private Mono<Void> ended(ServerHttpResponse response) {
			return Mono.defer(() -> {
				if (this.state.compareAndSet(UNREAD, READING)) {
					return discardBody(response);
				}
				if (this.state.get() != ENDED) {
					closeAfter(response);
				}
				return Mono.empty();
			});
		}

		private Mono<Void> discardBody(ServerHttpResponse response) {
			AtomicLong read = new AtomicLong();
			// Buffers become sizes at once: a discard hook in the writer's context would release them a second time.
			return watched(super.getBody()).map((buffer) -> {
				long total = read.addAndGet(buffer.readableByteCount());
				DataBufferUtils.release(buffer);
				return total;
			}).takeUntil((total) -> total > this.limit).then(Mono.fromRunnable(() -> {
				if (this.state.get() != ENDED) {
					closeAfter(response);
				}
			})).onErrorResume((ex) -> Mono.fromRunnable(() -> closeAfter(response))).then();
		}

		private static void closeAfter(ServerHttpResponse response) {
			if (!response.isCommitted()) {
				response.getHeaders().set(HttpHeaders.CONNECTION, "close");
			}
		}

	}

}
