"""Reading a GraphQL request before it runs: kind, action, cost, logins, resource, redaction."""

from __future__ import annotations

import json
import uuid

import pytest

from gateway.security.operation import classify, normalize_account
from gateway.security.redact import REDACTED, redact, storable
from resolvers.ids import to_global_id

TOKENS = 3000


def op(query: str, variables: dict | None = None, name: str | None = None):  # type: ignore[no-untyped-def]
    return classify(
        {"query": query, "variables": variables, "operationName": name}, max_tokens=TOKENS
    )


def test_kind_action_and_root_fields() -> None:
    q = op("query Mine { me { id } courses { edges { cursor } } }")
    assert (q.kind, q.action, q.root_fields) == ("query", "Mine", ("me", "courses"))
    anonymous = op("{ me { id } }")
    assert anonymous.action == "query me"
    m = op("mutation { a: logout b: logout }")
    assert (m.kind, m.cost) == ("mutation", 2)  # aliases do not make mutations free
    assert op("subscription { serverTime }").kind == "subscription"


def test_fragments_on_the_root_are_followed_without_looping() -> None:
    q = op(
        "mutation { ...A } fragment A on Mutation { logout ...B } "
        "fragment B on Mutation { logout ...A }"
    )
    assert q.root_fields == ("logout", "logout")


def test_operation_name_picks_one_of_several() -> None:
    text = "query A { me { id } } mutation B { logout }"
    assert op(text, name="B").kind == "mutation"
    assert op(text).kind == "invalid"  # ambiguous without a name
    assert op(text, name="C").kind == "invalid"


@pytest.mark.parametrize(
    "payload",
    [None, [], "x", {"query": 5}, {"query": "{ unclosed"}, {"query": "{" * 5000}],
)
def test_unreadable_requests_are_invalid_not_errors(payload: object) -> None:
    assert classify(payload, max_tokens=TOKENS).kind == "invalid"


def test_login_attempts_are_counted_per_field_and_account() -> None:
    q = op(
        'mutation($l: String!) { a: login(emailOrUsername: $l, password: "x") { __typename }'
        ' b: login(emailOrUsername: " Alice@Example.ORG ", password: "y") { __typename } }',
        {"l": "bob"},
    )
    assert q.password_attempts == 2
    assert q.login_accounts == ("bob", "alice@example.org")
    assert normalize_account("\uff21lice") == "\uff41lice"  # NFC keeps width; casefold lowers
    assert op("{ me { id } }").password_attempts == 0


def test_password_literals_are_redacted_in_the_query_text() -> None:
    q = op(
        'mutation { login(emailOrUsername: "amy", password: "hunter2hunter2") { __typename }'
        ' changePassword(currentPassword: "old-secret", newPassword: """new-secret""")'
        ' { __typename } register(input: {email: "a@b.cd", username: "amy",'
        ' password: "p4ssw0rd!", fullName: "Amy"}) { __typename } }'
    )
    text = q.audit_body["query"]
    for secret in ("hunter2hunter2", "old-secret", "new-secret", "p4ssw0rd!"):
        assert secret not in text
    assert text.count(REDACTED) == 4
    assert '"amy"' in text and '"Amy"' in text  # only secrets go


def test_variables_are_redacted_recursively_by_name() -> None:
    q = op(
        "mutation($input: RegisterInput!) { register(input: $input) { __typename } }",
        {"input": {"password": "s3cret-s3cret", "email": "a@b.cd", "nested": [{"apiKey": "k"}]}},
    )
    variables = q.audit_body["variables"]
    assert variables["input"]["password"] == REDACTED
    assert variables["input"]["nested"][0]["apiKey"] == REDACTED
    assert variables["input"]["email"] == "a@b.cd"


def test_resource_comes_from_the_id_argument_or_variable() -> None:
    course = uuid.uuid4()
    gid = to_global_id("Course", course)
    assert op(f'{{ course(id: "{gid}") {{ id }} }}').resource == ("Course", course)
    assert op("query($id: ID!) { course(id: $id) { id } }", {"id": gid}).resource == (
        "Course",
        course,
    )
    task = uuid.uuid4()
    sub = op(
        "subscription($t: ID!) { taskProgress(taskId: $t) { status } }",
        {"t": to_global_id("GenerationTask", task)},
    )
    assert sub.resource == ("GenerationTask", task)
    assert op('{ course(id: "garbage") { id } }').resource is None


def test_redact_and_storable() -> None:
    value = {"Authorization": "Bearer x", "x-api-key": "k", "deep": [{"new_password": 1}]}
    assert redact(value) == {
        "Authorization": REDACTED,
        "x-api-key": REDACTED,
        "deep": [{"new_password": REDACTED}],
    }
    assert storable("a\x00b") == "a\ufffdb"
    assert storable("\ud800x") == "?x"  # a lone surrogate cannot be stored as UTF-8
    nested: dict = {}
    cursor = nested
    for _ in range(100):
        cursor["a"] = {}
        cursor = cursor["a"]
    assert "too deep" in json.dumps(redact(nested))


@pytest.mark.parametrize(
    ("query", "trivial"),
    [
        ("{ __typename }", True),
        ("query Ping { __typename }", True),
        ("{ __typename __typename }", True),
        ("{ a: __typename }", False),  # an alias changes the answer's key
        ("{ __typename @include(if: true) }", False),
        ("query($x: Int) { __typename }", False),
        ("mutation { __typename }", False),  # "Mutation": not the shortcut's answer
        ("{ __typename me { id } }", False),
        ("{ ...F } fragment F on Query { __typename }", False),
        ("{ __typename ", False),  # does not parse
    ],
)
def test_only_a_pure_typename_query_is_trivial(query: str, trivial: bool) -> None:
    assert op(query).trivial is trivial


def test_a_trivial_query_needs_plain_variables_and_extensions() -> None:
    base = {"query": "{ __typename }"}
    assert classify({**base, "variables": {}}, max_tokens=TOKENS).trivial
    assert classify({**base, "extensions": {}}, max_tokens=TOKENS).trivial
    assert not classify({**base, "variables": "x"}, max_tokens=TOKENS).trivial
    assert not classify({**base, "extensions": [1]}, max_tokens=TOKENS).trivial
    named = {**base, "operationName": "Other"}
    assert not classify(named, max_tokens=TOKENS).trivial  # no such operation: an error
