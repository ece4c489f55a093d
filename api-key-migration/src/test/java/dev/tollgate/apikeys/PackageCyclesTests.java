package dev.tollgate.apikeys;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.PackageCycles;

import static org.assertj.core.api.Assertions.assertThat;

class PackageCyclesTests {

	@Test
	void apiKeyMigrationWhenCompiledThenNoPackageDependsOnItselfThroughOthers() {
		assertThat(PackageCycles.find(PackageCycles.classesOf(ApiKeyAuthentication.class), "dev.tollgate")).isEmpty();
	}

}
