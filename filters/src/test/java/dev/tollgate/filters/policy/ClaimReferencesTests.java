package dev.tollgate.filters.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimReferencesTests {

	@Test
	void ofWhenOnlyFieldsAndQuotedIndexesThenThoseNames() {
		assertThat(ClaimReferences.of("has(caller.claims.tenant) && caller.claims.tenant == request.path_vars.t "
				+ "&& caller.claims['x-region'].startsWith('eu') && caller.claims[\"amr\"].size() > 0"))
			.containsExactly("amr", "tenant", "x-region");
	}

	@Test
	void ofWhenNoClaimsThenNone() {
		assertThat(ClaimReferences.of("caller.client_id == 'a'")).isEmpty();
	}

	@Test
	void ofWhenMembershipOrDynamicIndexOrMacroThenAll() {
		assertThat(ClaimReferences.of("'tenant' in caller.claims")).isNull();
		assertThat(ClaimReferences.of("caller.claims[request.query.k] == 'x'")).isNull();
		assertThat(ClaimReferences.of("caller.claims.exists(k, k == 'admin')")).isNull();
		assertThat(ClaimReferences.of("size(caller.claims) > 2 && caller.claims.tenant == 'a'")).isNull();
	}

}
