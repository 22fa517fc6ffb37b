"""Bad input raises landbridge.InputError (a ValueError) with the command line's message.

Every case of the bad-input suite (tests/bad_input: malformed networks, demand, parameters,
scenarios, TNTP files) is run through the binding and must give the message the suite expects
from the command. Option errors name the Python keyword where the command names its flag."""
import shlex

import pytest

import landbridge
from conftest import SOURCE_DIR, TEST_DATA, run_cli

BAD_INPUT = SOURCE_DIR / "tests" / "bad_input"
CASES = sorted(p.name for p in BAD_INPUT.iterdir() if (p / "args").is_file())
# The command's flag -> the binding's keyword, in messages.
KEYWORDS = {"--toll-factor": "toll_factor", "--to": "to", "FROM": "from_", "TO": "to", "--optimize": "optimize",
            "--avoid-country": "avoid_countries", "--avoid-passage": "avoid_passages", "--avoid-mode": "avoid_modes",
            "--value-of-time": "value_of_time", "--mode": "modes", "--commodity": "commodity", "--value": "value"}


def keyworded(message: str) -> str:
    for flag, keyword in KEYWORDS.items():
        message = message.replace(f'field "{flag}"', f'field "{keyword}"')
    return message


def option(args: list, flag: str):
    return args[args.index(flag) + 1] if flag in args else None


def run_case(args: list):
    """The binding's call for one command line of the suite."""
    command = args[0]
    if command in ("route", "validate"):
        net = landbridge.Network.load(option(args, "--network"))
        if command == "route":
            net.route(args[1], args[2], alternatives=int(option(args, "--alternatives") or 1) - 1)
    elif command == "table":
        net = landbridge.Network.load(option(args, "--network"))
        net.table(option(args, "--from").split(","), option(args, "--to").split(","))
    elif command == "traffic":
        toll = option(args, "--toll-factor")
        landbridge.traffic(option(args, "--tntp"), toll_factor=None if toll is None else float(toll))
    elif command == "assign":
        landbridge.freight.assign(option(args, "--network"), demand=option(args, "--demand"), parameters=option(args, "--parameters"))
    elif command == "compare":
        landbridge.compare([option(args, "--scenario")], network=option(args, "--network"))
    elif command == "access":
        value = option(args, "--value")
        landbridge.access(args[1], commodity=option(args, "--commodity") or "machinery", value=None if value is None else float(value),
                          scenarios=option(args, "--scenario"), markets=option(args, "--markets"), duties=option(args, "--duties"))
    else:
        raise AssertionError(f"no binding call for {command}")


@pytest.mark.parametrize("case", [c for c in CASES if c != "limit-alternatives-million"])
def test_bad_input_gives_the_commands_message(case, tmp_path):
    folder = BAD_INPUT / case
    text = (folder / "args").read_text().strip()
    text = text.replace("{case}", str(folder)).replace("{data}", str(TEST_DATA))
    text = text.replace("{outdir}", str(tmp_path / "out")).replace("{out}", str(tmp_path / "out.txt"))
    expected = (folder / "expected").read_bytes().decode("utf-8", errors="replace").strip().replace("{case}", str(folder))
    assert expected.startswith("landbridge: ")
    with pytest.raises(landbridge.InputError) as raised:
        run_case(shlex.split(text))
    assert str(raised.value).splitlines()[0] == keyworded(expected[len("landbridge: "):])
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("args, call", [
    (["route", "Duisbrg", "Chongqing"], lambda net: net.route("Duisbrg", "Chongqing")),
    (["route", "Chongqing", "Atlantis"], lambda net: net.route("Chongqing", "Atlantis")),
    (["route", "Chongqing", "Duisburg", "--optimize", "fastest"], lambda net: net.route("Chongqing", "Duisburg", optimize="fastest")),
    (["route", "Chongqing", "Duisburg", "--avoid-country", "Belarus"],
     lambda net: net.route("Chongqing", "Duisburg", avoid_countries=["Belarus"])),
    (["route", "Chongqing", "Duisburg", "--avoid-country", "XX"], lambda net: net.route("Chongqing", "Duisburg", avoid_countries="XX")),
    (["route", "Chongqing", "Duisburg", "--avoid-passage", "panama"],
     lambda net: net.route("Chongqing", "Duisburg", avoid_passages=["panama"])),
    (["route", "Chongqing", "Duisburg", "--avoid-mode", "teleport"], lambda net: net.route("Chongqing", "Duisburg", avoid_modes=["teleport"])),
    (["route", "Chongqing", "Duisburg", "--mode", "hovercraft"], lambda net: net.route("Chongqing", "Duisburg", modes="hovercraft")),
    (["route", "Chongqing", "Duisburg", "--value-of-time", "-1"], lambda net: net.route("Chongqing", "Duisburg", value_of_time=-1)),
    (["route", "Chongqing", "Duisburg", "--avoid-country", "CN"], lambda net: net.route("Chongqing", "Duisburg", avoid_countries=["CN"])),
    (["compare", "--scenario", "no-such-scenario"], lambda net: landbridge.compare("no-such-scenario")),
    (["sweep", "--samples", "0"], lambda net: landbridge.sweep(samples=0)),
])
def test_option_errors_name_the_keyword(net, args, call):
    expected = run_cli(*args).error()
    with pytest.raises(landbridge.InputError) as raised:
        call(net)
    expected = keyworded(expected).replace('field "--samples"', 'field "samples"')
    assert str(raised.value) == expected


def test_error_parts_are_attributes(tmp_path):
    case = BAD_INPUT / "demand-duplicate-row"
    with pytest.raises(landbridge.InputError) as raised:
        landbridge.freight.assign(TEST_DATA / "tiny-freight", demand=case / "demand.csv")
    error = raised.value
    assert error.file == str(case / "demand.csv") and error.place == "line 3" and error.field == ""
    assert error.problem.startswith("duplicate of line 2")


def test_alternatives_range(net):
    with pytest.raises(landbridge.InputError, match='field "alternatives": expected 0 to 9, got 10'):
        net.route("Chongqing", "Duisburg", alternatives=10)
    with pytest.raises(landbridge.InputError, match='field "alternatives": expected 0 to 9, got -1'):
        net.route("Chongqing", "Duisburg", alternatives=-1)


def test_missing_default_demand(tmp_path):
    with pytest.raises(landbridge.InputError, match="the network has no default demand"):
        landbridge.freight.assign(TEST_DATA / "tiny")


def test_wrong_types_are_type_errors(net):
    with pytest.raises(TypeError):
        net.route("Chongqing", "Duisburg", alternatives="two")
    with pytest.raises(TypeError):
        landbridge.freight.assign(net, demand=42)


def test_demand_of_another_network(net):
    from landbridge import _landbridge
    tiny = landbridge.Network.load(TEST_DATA / "tiny-freight")
    demand = _landbridge.load_demand(tiny._net, str(TEST_DATA / "tiny-freight" / "demand.csv"))
    with pytest.raises(ValueError, match="another network"):
        _landbridge.assign(net._net, demand, _landbridge.load_parameters(str(TEST_DATA / "tiny-freight" / "freight-parameters.json")))
