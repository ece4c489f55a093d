package dev.tollgate.filters.mcp;

import java.nio.charset.StandardCharsets;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * The response to a request with {@code tools/list} in it, with the tool lists filtered on the way out. An
 * {@code application/json} answer is read whole (it is one JSON document, bounded by {@code maxBytes}), rewritten
 * and sent with a new {@code Content-Length}; a {@code text/event-stream} answer is rewritten event by event as it
 * streams; any other answer passes as it is.
 */
final class ToolsListResponse extends ServerHttpResponseDecorator {

	private final ToolsListRewriter rewriter;

	private final int maxBytes;

	ToolsListResponse(ServerHttpResponse delegate, ToolsListRewriter rewriter, int maxBytes) {
		super(delegate);
		this.rewriter = rewriter;
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		MediaType type = getHeaders().getContentType();
		if (type == null) {
			return super.writeWith(body);
		}
		if (encoded()) {
			return unfilterable(body);
		}
		if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
			return super.writeWith(events(Flux.from(body)));
		}
		if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return DataBufferUtils.join(body, this.maxBytes).flatMap(joined -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				byte[] rewritten = this.rewriter.rewrite(bytes);
				getHeaders().setContentLength(rewritten.length);
				return super.writeWith(Mono.just(bufferFactory().wrap(rewritten)));
			});
		}
		return super.writeWith(body);
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		MediaType type = getHeaders().getContentType();
		if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
			// Each rewritten event is flushed on its own, as the upstream's events were.
			return super.writeAndFlushWith(events(Flux.from(body).concatMap(Flux::from)).map(Mono::just));
		}
		return super.writeAndFlushWith(body);
	}

	private Flux<DataBuffer> events(Flux<? extends DataBuffer> body) {
		SseEventRewriter events = new SseEventRewriter(this.rewriter::rewrite, this.maxBytes);
		getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
		return body.concatMapIterable(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return events.feed(bytes);
		}).concatWith(Mono.fromSupplier(events::finish).filter(rest -> rest.length > 0))
			.map(bytes -> bufferFactory().wrap(bytes));
	}

	/**
	 * A compressed answer the gateway cannot read (it asks the upstream for none): rather than pass an unfiltered
	 * list, answer 502 with a JSON-RPC internal error (JSON-RPC 2.0 §5.1).
	 */
	private Mono<Void> unfilterable(Publisher<? extends DataBuffer> body) {
		setStatusCode(HttpStatus.BAD_GATEWAY);
		getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
		getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] error = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}"
			.getBytes(StandardCharsets.UTF_8);
		getHeaders().setContentLength(error.length);
		return Flux.from(body).doOnNext(DataBufferUtils::release)
			.then(super.writeWith(Mono.just(bufferFactory().wrap(error))));
	}

	private boolean encoded() {
		String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
		return encoding != null && !"identity".equalsIgnoreCase(encoding);
	}

}
