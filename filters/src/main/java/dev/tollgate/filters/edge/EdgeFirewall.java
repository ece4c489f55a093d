package dev.tollgate.filters.edge;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Decides once, before routing, whether a request is well-formed enough to route: Spring Security's
 * {@link StrictServerWebExchangeFirewall} checks the method, the path (no {@code //}, no dot segments raw or encoded,
 * no encoded {@code /} {@code \} {@code %} {@code ;} {@code .}, no {@code ;} parameters, no NUL/CR/LF), the host,
 * and, through its request wrapper, header names and values and query parameter names. The checks are its own; this
 * class only configures it and classifies the outcome.
 *
 * <p>
 * Two deliberate differences from using the firewall inside Spring Security's chain:
 * <ul>
 * <li>The header and query checks run eagerly here instead of lazily on first access: lazily, a bad header would
 * throw deep inside the gateway pipeline, possibly after the response started. The wrapped exchange is then dropped
 * and the original one continues, because Spring Cloud Gateway mutates exchanges (which discards the decorator).</li>
 * <li>The reactive firewall does not apply its printable-ASCII rule to the path, so control characters other than
 * NUL, CR and LF (tab, DEL, C1 controls), once percent-decoded, are added to its decoded-path blocklist, and so is
 * U+FFFD, what malformed UTF-8 escapes decode to.</li>
 * </ul>
 * One check is not the firewall's: {@link MethodOverrideHeaders}.
 *
 * <p>
 * A route may relax a path rule ({@link RouteFirewallRules}): the relaxed firewall is consulted only when the strict
 * one refused, only for the route the request would be routed to, and only when the path with everything decoded
 * (so {@code %2F} becomes a separator) still selects that same route. That keeps an encoded slash from reaching a
 * path that another route protects.
 */
public final class EdgeFirewall {

	/** The outcome: {@link #ACCEPTED}, or a bounded reason tag with a fixed, caller-free description. */
	public record Verdict(String reason, String description) {

		public static final Verdict ACCEPTED = new Verdict("normalized", "");

		static final Verdict PATH = new Verdict("non_normalized_path",
				"The request path is not in normalized form (e.g. '//', dot segments, encoded '/', '\\', '%', '.', "
						+ "';' parameters or control characters).");

		static final Verdict METHOD = new Verdict("method_not_allowed", "The gateway does not accept this method.");

		static final Verdict HOST = new Verdict("untrusted_host", "The gateway does not answer for this host.");

		static final Verdict HEADER = new Verdict("invalid_header",
				"A request header name or value contains control or unassigned characters.");

		static final Verdict QUERY = new Verdict("invalid_query",
				"A query parameter name contains control characters or is malformed.");

		static final Verdict METHOD_OVERRIDE = new Verdict("method_override",
				"A method-override header names another method than the request's; send that method instead.");

		public boolean accepted() {
			return this == ACCEPTED;
		}

	}

	private static final Pattern METHOD_NAME = Pattern.compile("[A-Z][A-Z0-9_-]*");

	private final StrictServerWebExchangeFirewall strict;

	private final Set<HttpMethod> allowedMethods;

	private final Predicate<String> allowedHost;

	private final List<CompiledRule> rules;

	/** @throws IllegalStateException naming the property when a configured method is not an upper-case name */
	public EdgeFirewall(FirewallProperties gateway, RouteFirewallRules routes) {
		for (String method : gateway.allowedMethods()) {
			if (method == null || !METHOD_NAME.matcher(method).matches()) {
				throw new IllegalStateException("tollgate.gateway.firewall.allowed-methods: '" + method
						+ "' is not an upper-case method name (methods are case-sensitive, RFC 9110 §9.1)");
			}
		}
		this.allowedMethods = gateway.allowedMethods().stream().map(HttpMethod::valueOf).collect(Collectors.toSet());
		Set<String> hosts = gateway.allowedHostnames()
			.stream()
			.map(h -> h.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		this.allowedHost = hosts.isEmpty() ? (host) -> true : (host) -> hosts.contains(host.toLowerCase(Locale.ROOT));
		this.strict = firewall(gateway.relaxations());
		PathPatternParser parser = new PathPatternParser();
		this.rules = routes.inMatchOrder()
			.stream()
			.map(rule -> new CompiledRule(rule.routeId(), rule.pathPatterns().stream().map(parser::parse).toList(),
					rule.relaxations().any() ? firewall(gateway.relaxations().or(rule.relaxations())) : null))
			.toList();
	}

	private StrictServerWebExchangeFirewall firewall(PathRelaxations relaxations) {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHttpMethods(this.allowedMethods);
		firewall.setAllowedHostnames(this.allowedHost);
		// Spring Security's default header rules, evaluated without a regular expression (HeaderCharacters).
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		relaxations.applyTo(firewall);
		// The reactive firewall skips the path's printable-ASCII rule (see class comment): block decoded controls.
		for (char c = 0; c <= 0x9f; c = (char) ((c == 0x1f) ? 0x7f : c + 1)) {
			firewall.getDecodedUrlBlocklist().add(String.valueOf(c));
		}
		// Malformed UTF-8 in a percent-escape (e.g. the overlong %c0%ae for '.') decodes to U+FFFD: an upstream with
		// another decoder may read it as something else, so it is refused too.
		firewall.getDecodedUrlBlocklist().add("\uFFFD");
		return firewall;
	}

	/** The verdict on this exchange; never an error for a caller's input. */
	public Mono<Verdict> check(ServerWebExchange exchange) {
		return this.strict.getFirewalledExchange(exchange)
			.map(EdgeFirewall::eagerChecks)
			.onErrorResume(ServerExchangeRejectedException.class, (ex) -> whenStrictRefused(exchange));
	}

	/** Runs the firewall's lazy header and query checks now, through its own request wrapper. */
	private static Verdict eagerChecks(ServerWebExchange firewalled) {
		ServerHttpRequest request = firewalled.getRequest();
		try {
			HttpHeaders headers = request.getHeaders();
			for (String name : headers.headerNames()) {
				headers.get(name);
			}
		}
		catch (ServerExchangeRejectedException ex) {
			return Verdict.HEADER;
		}
		try {
			request.getQueryParams();
		}
		catch (ServerExchangeRejectedException | IllegalArgumentException ex) {
			return Verdict.QUERY;
		}
		// Not the firewall's: the gateway and the upstream must agree on the method as they agree on the path.
		if (MethodOverrideHeaders.contradict(request.getMethod(), request.getHeaders())) {
			return Verdict.METHOD_OVERRIDE;
		}
		return Verdict.ACCEPTED;
	}

	/**
	 * The strict firewall said no; find out which rule (from facts this class configured, never from the exception's
	 * message, which quotes caller input) and whether a route's relaxation applies.
	 */
	private Mono<Verdict> whenStrictRefused(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.allowedMethods.contains(request.getMethod())) {
			return Mono.just(Verdict.METHOD);
		}
		String host = request.getURI().getHost();
		if (host != null && !this.allowedHost.test(host)) {
			return Mono.just(Verdict.HOST);
		}
		CompiledRule owner = relaxingOwner(request);
		if (owner == null) {
			return Mono.just(Verdict.PATH);
		}
		return owner.firewall()
			.getFirewalledExchange(exchange)
			.map(EdgeFirewall::eagerChecks)
			.onErrorResume(ServerExchangeRejectedException.class, (ex) -> Mono.just(Verdict.PATH));
	}

	/**
	 * The route that relaxes something and would serve this request, both as routing sees the path (segments of the
	 * raw path, as the gateway's {@code Path} predicate parses it) and with everything decoded; else {@code null}.
	 */
	private CompiledRule relaxingOwner(ServerHttpRequest request) {
		String raw = request.getURI().getRawPath();
		String decoded = request.getURI().getPath();
		if (raw == null || decoded == null) {
			return null;
		}
		CompiledRule owner = firstMatch(PathContainer.parsePath(raw));
		if (owner == null || owner.firewall() == null) {
			return null;
		}
		try {
			// Backslashes count as separators here, as many upstreams treat them.
			return (firstMatch(PathContainer.parsePath(decoded.replace('\\', '/'))) == owner) ? owner : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private CompiledRule firstMatch(PathContainer path) {
		for (CompiledRule rule : this.rules) {
			for (PathPattern pattern : rule.patterns()) {
				if (pattern.matches(path)) {
					return rule;
				}
			}
		}
		return null;
	}

	private record CompiledRule(String routeId, List<PathPattern> patterns, StrictServerWebExchangeFirewall firewall) {
	}

}
