// Two Catch2 cases for the catch2 check kind: one passes, one fails.
#include <catch2/catch.hpp>

TEST_CASE("adds up") { REQUIRE(1 + 1 == 2); }

TEST_CASE("is wrong") { REQUIRE(1 + 1 == 3); }
