package dev.tollgate.filters.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;


/**
 * One request's trip through a route's pipeline: what the stages learned (caller, credential) and the changes they
 * want made to the request, which are applied together in one {@code mutate()} before the request goes upstream.
 * What later filters and the error answers read is also put into the exchange attributes
 * ({@link TollgateAttributes}), so hand-written routes that combine the filters one by one see the same values.
 * Not thread-safe: a request's stages run one after another.
 */
public final class Pass {

	private ServerWebExchange exchange;

	private final RouteSecurity route;

	private final String routeId;

	private CallerIdentity caller;

	private InboundCredential credential;

	private List<String> removedHeaders;

	private String upstreamAuthorization;

	private boolean removeCookies;

	/**
	 * @param route the route's security settings, or {@code null} for a stage used on its own after an authenticate
	 * filter (then whatever that filter put in the exchange attributes is used)
	 * @param routeId the route id for decisions, metrics and answers
	 */
	public Pass(ServerWebExchange exchange, RouteSecurity route, String routeId) {
		this.exchange = exchange;
		this.routeId = routeId;
		if (route != null) {
			exchange.getAttributes().put(TollgateAttributes.ROUTE_SECURITY, route);
			this.route = route;
		}
		else {
			this.route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
			this.caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
			this.credential = exchange.getAttribute(TollgateAttributes.INBOUND_CREDENTIAL);
		}
	}

	public ServerWebExchange exchange() {
		return this.exchange;
	}

	public String routeId() {
		return this.routeId;
	}

	/** The route's security settings; {@code null} on a hand-written route without an authenticate filter. */
	public RouteSecurity route() {
		return this.route;
	}

	/** The authenticated caller, or {@code null} before (or without) authentication. */
	public CallerIdentity caller() {
		return this.caller;
	}

	public InboundCredential credential() {
		return this.credential;
	}

	/** Record the authenticated caller; the credential headers are removed from the request. */
	public void authenticated(CallerIdentity caller, InboundCredential credential, String apiKeyHeader) {
		this.caller = caller;
		this.credential = credential;
		this.exchange.getAttributes().put(TollgateAttributes.CALLER_IDENTITY, caller);
		this.exchange.getAttributes().put(TollgateAttributes.INBOUND_CREDENTIAL, credential);
		removeHeader(HttpHeaders.AUTHORIZATION);
		removeHeader(apiKeyHeader);
	}

	/**
	 * Remove these headers from the request now, so later stages no longer see them (the route's strip list: rare,
	 * since only a misbehaving caller sends them).
	 */
	public void removeNow(List<String> names) {
		this.exchange = this.exchange.mutate().request(r -> r.headers(h -> names.forEach(h::remove))).build();
	}

	/**
	 * Go on with this exchange, built from {@link #exchange()} by a stage (e.g. with a request body that was read
	 * and is served again, or a response that is rewritten on its way out); later stages and the upstream see it.
	 */
	public void continueWith(ServerWebExchange exchange) {
		this.exchange = exchange;
	}

	/** Remove this request header (exact name, any case) before the request goes upstream. */
	public void removeHeader(String name) {
		if (this.removedHeaders == null) {
			this.removedHeaders = new ArrayList<>(4);
		}
		this.removedHeaders.add(name);
	}

	/**
	 * The upstream receives {@code token} as its bearer token; the caller's {@code DPoP} proof goes, and with
	 * {@code removeCookies} its cookies too.
	 */
	public void upstreamToken(String token, boolean removeCookies) {
		upstreamAuthorization("Bearer " + token, removeCookies);
	}

	/** As {@link #upstreamToken}, with the whole header value ({@code Bearer <token>}) built by the caller. */
	public void upstreamAuthorization(String authorization, boolean removeCookies) {
		this.upstreamAuthorization = authorization;
		this.removeCookies = removeCookies;
	}

	/** Headers set on the response just before it is committed, whatever the upstream answers. */
	public void responseHeadersBeforeCommit(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return;
		}
		this.exchange.getResponse().beforeCommit(() -> {
			HttpHeaders response = this.exchange.getResponse().getHeaders();
			headers.forEach(response::set);
			return Mono.empty();
		});
	}

	/** The request as it goes on: every change the stages asked for, applied in one {@code mutate()}. */
	public ServerWebExchange outbound() {
		if (this.removedHeaders == null && this.upstreamAuthorization == null) {
			return this.exchange;
		}
		return this.exchange.mutate().request(r -> r.headers(this::apply)).build();
	}

	private void apply(HttpHeaders headers) {
		if (this.removedHeaders != null) {
			for (String name : this.removedHeaders) {
				headers.remove(name);
			}
		}
		if (this.upstreamAuthorization != null) {
			headers.remove("DPoP");
			if (this.removeCookies) {
				headers.remove(HttpHeaders.COOKIE);
			}
			headers.set(HttpHeaders.AUTHORIZATION, this.upstreamAuthorization);
		}
	}

}
