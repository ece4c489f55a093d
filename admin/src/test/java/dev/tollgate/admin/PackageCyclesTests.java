package dev.tollgate.admin;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.PackageCycles;

import static org.assertj.core.api.Assertions.assertThat;

class PackageCyclesTests {

	@Test
	void adminWhenCompiledThenNoPackageDependsOnItselfThroughOthers() {
		assertThat(PackageCycles.find(PackageCycles.classesOf(AdminToken.class), "dev.tollgate")).isEmpty();
	}

}
