package dev.tollgate.filters.mcp;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Reads a request body without blocking, up to a limit, and serves the same bytes again to the upstream. Like
 * Spring Cloud Gateway's {@code ServerWebExchangeUtils.cacheRequestBody}, but bounded, and the pooled buffers are
 * released at once: the body is kept as one byte array, re-wrapped for every subscription, so nothing leaks when
 * the request is refused.
 */
final class CachedBody {

	private CachedBody() {
	}

	/**
	 * The body's bytes; an empty array for an empty body. Fails with {@link TooLarge} as soon as more than
	 * {@code maxBytes} arrived, without reading the rest.
	 */
	static Mono<byte[]> read(ServerHttpRequest request, int maxBytes) {
		long declared = request.getHeaders().getContentLength();
		if (declared > maxBytes) {
			return Mono.error(new TooLarge());
		}
		return DataBufferUtils.join(request.getBody(), maxBytes)
			.map(CachedBody::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, ex -> new TooLarge());
	}

	private static byte[] bytes(DataBuffer joined) {
		try {
			byte[] bytes = new byte[joined.readableByteCount()];
			joined.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(joined);
		}
	}

	/**
	 * The request with its body served from {@code body} (wrapped anew for each subscription, through
	 * {@code buffers}, the server's factory) and a {@code Content-Length} that matches it.
	 * With {@code identityAnswer} the upstream is not offered compression.
	 */
	static ServerHttpRequest replay(ServerHttpRequest request, byte[] body, DataBufferFactory buffers,
			boolean identityAnswer) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		if (identityAnswer) {
			// An answer the gateway must rewrite has to arrive uncompressed.
			headers.remove(HttpHeaders.ACCEPT_ENCODING);
		}
		headers.setContentLength(body.length);
		return new ServerHttpRequestDecorator(request) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(buffers.wrap(body)));
			}

		};
	}

	/** The body is larger than the route accepts. */
	static final class TooLarge extends RuntimeException {

		TooLarge() {
			super("request body too large", null, false, false);
		}

	}

}
