package dev.tollgate.filters.binding.mtls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.tollgate.filters.edge.InboundHeadersWebFilter;
import dev.tollgate.filters.edge.TrustedProxies;
import dev.tollgate.filters.strip.SpoofableHeaders;

/**
 * Reads the client certificate a front proxy forwards in the configured header, on every request and route, and
 * removes the header (any case and {@code _}/{@code -} spelling) so no upstream ever sees it. The header is believed
 * only when the TCP peer is a trusted proxy ({@code tollgate.gateway.trusted-proxies}); from anyone else it is
 * stripped unread, since whoever can set it could claim any certificate.
 */
public final class ForwardedCertificateWebFilter implements WebFilter, Ordered {

	/** Right after the edge's own header stripping. */
	public static final int ORDER = InboundHeadersWebFilter.ORDER + 1;

	private final String header;

	private final SpoofableHeaders spellings;

	private final ForwardedCertificateFormat format;

	private final TrustedProxies trusted;

	public ForwardedCertificateWebFilter(String header, ForwardedCertificateFormat format, TrustedProxies trusted) {
		this.header = header;
		this.spellings = SpoofableHeaders.only(List.of(header));
		this.format = format;
		this.trusted = trusted;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> present = this.spellings.presentIn(request.getHeaders());
		if (present.isEmpty()) {
			return chain.filter(exchange);
		}
		if (fromTrustedProxy(request) && present.size() == 1 && present.get(0).equalsIgnoreCase(this.header)) {
			List<String> values = request.getHeaders().get(this.header);
			if (values != null && values.size() == 1) {
				X509Certificate certificate = this.format.parse(values.get(0));
				if (certificate != null) {
					exchange.getAttributes().put(ClientCertificates.FORWARDED_ATTRIBUTE, certificate);
				}
			}
		}
		return chain.filter(exchange.mutate().request(r -> r.headers(h -> present.forEach(h::remove))).build());
	}

	private boolean fromTrustedProxy(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		return peer != null && this.trusted.trusts(peer);
	}

}
