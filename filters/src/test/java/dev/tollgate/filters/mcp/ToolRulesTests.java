package dev.tollgate.filters.mcp;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;

import static org.assertj.core.api.Assertions.assertThat;

class ToolRulesTests {

	static final ToolRule SEARCH = ToolRule.scopes("search_orders", "orders:read");

	static final ToolRule REFUNDS = ToolRule.scopes("refund_*", "orders:write");

	static final ToolRule ANY_REFUND = ToolRule.scopes("*refund*", "admin");

	static CallerIdentity caller(String... scopes) {
		return new CallerIdentity("agent", "alice", Set.of(scopes), CredentialKind.JWT, "lab", null, null);
	}

	@Test
	void ruleWhenExactNameAndGlobBothMatchThenExactWins() {
		ToolRules rules = new ToolRules(List.of(ToolRule.scopes("refund_*", "w"), ToolRule.scopes("refund_one", "x")),
				McpSettings.UnknownTools.DENY, List.of());
		assertThat(rules.rule("refund_one").scopes()).containsExactly("x");
	}

	@Test
	void ruleWhenSeveralGlobsMatchThenFirstListedWins() {
		ToolRules rules = new ToolRules(List.of(REFUNDS, ANY_REFUND), McpSettings.UnknownTools.DENY, List.of());
		assertThat(rules.rule("refund_all")).isEqualTo(REFUNDS);
		assertThat(rules.rule("bulk_refund")).isEqualTo(ANY_REFUND);
	}

	@Test
	void ruleWhenGlobHasRegexCharactersThenTheyAreLiteral() {
		ToolRules rules = new ToolRules(List.of(ToolRule.scopes("orders.get?"), ToolRule.scopes("a+b*")),
				McpSettings.UnknownTools.DENY, List.of());
		assertThat(rules.rule("orders.get1")).isNotNull();
		assertThat(rules.rule("ordersXget1")).isNull();
		assertThat(rules.rule("a+b")).isNotNull();
		assertThat(rules.rule("aab")).isNull();
	}

	@Test
	void permitsWhenUnknownToolThenByTheDefault() {
		assertThat(new ToolRules(List.of(SEARCH), McpSettings.UnknownTools.DENY, List.of()).permits(caller(), "other"))
			.isFalse();
		assertThat(new ToolRules(List.of(SEARCH), McpSettings.UnknownTools.ROUTE_SCOPES, List.of())
			.permits(caller(), "other")).isTrue();
	}

	@Test
	void permitsWhenRuleScopesHeldThenTrue() {
		ToolRules rules = new ToolRules(List.of(SEARCH, REFUNDS), McpSettings.UnknownTools.DENY, List.of());
		assertThat(rules.permits(caller("orders:read"), "search_orders")).isTrue();
		assertThat(rules.permits(caller("orders:read"), "refund_order")).isFalse();
	}

	@Test
	void metricTagWhenToolNotConfiguredForMetricsThenOther() {
		ToolRules rules = new ToolRules(List.of(SEARCH, REFUNDS), McpSettings.UnknownTools.DENY, List.of());
		assertThat(rules.metricTag("search_orders")).isEqualTo("search_orders");
		assertThat(rules.metricTag("refund_order")).isEqualTo(ToolRules.OTHER);
		assertThat(rules.metricTag("x".repeat(500))).isEqualTo(ToolRules.OTHER);
	}

	@Test
	void challengeScopesWhenToolRuleThenRouteScopesFirstWithoutRepeats() {
		assertThat(ToolRules.challengeScopes(List.of("tools:call", "orders:write"), REFUNDS))
			.containsExactly("tools:call", "orders:write");
	}

}
