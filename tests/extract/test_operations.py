from kg.extract.operations import find_operations


def names(text):
    return [o.codename for o in find_operations(text)]


def test_operation_names():
    assert names("Operation Pandora IX took place. Operation HAECHI III cracks down.") == [
        "Pandora IX", "HAECHI III"]


def test_quoted_codenames():
    assert names("the operation “Liberterra II” and an operation named 'Trojan Shield'") == [
        "Liberterra II", "Trojan Shield"]


def test_not_codenames():
    assert names("The operation was a success. Operational Taskforce. Operation The") == []
