"""Generated registry files (CSV text, raw bytes, broken XLSX): never a server error, and a file
that is refused adds nothing to the registry. See tests/fuzz.py for the number of examples."""

import io

from hypothesis import given
from hypothesis import strategies as st

from quiz.models import District, School
from tests import factories as f
from tests.fuzz import FUZZ, NASTY, TIMEOUT

pytestmark = TIMEOUT

HEADER = "region,district,name_kk,name_ru,official_code"
REGIONS = ["Абай облысы", "Абайская область", "Марс облысы", "", "абай  облысы", "=1+1"]
cells = st.one_of(st.sampled_from(NASTY), st.sampled_from(REGIONS), st.text(max_size=300))
rows = st.lists(st.lists(cells, min_size=0, max_size=7), max_size=12)


def _csv(header: str, table: list[list[str]], sep: str) -> bytes:
    lines = [header] + [sep.join(row) for row in table]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


files = st.one_of(
    st.builds(
        lambda header, table, sep, name: (_csv(header, table, sep), name),
        st.sampled_from([HEADER, HEADER.upper(), "region;district", "", "\ufeff" + HEADER]),
        rows,
        st.sampled_from([",", ";", "\t", '","']),
        st.sampled_from(["schools.csv", "schools.CSV", "schools.txt", "schools"]),
    ),
    st.tuples(st.binary(max_size=2000), st.sampled_from(["schools.csv", "schools.xlsx"])),
    st.tuples(
        st.sampled_from([b"PK\x03\x04" + b"\x00" * 40, b"PK\x05\x06" + b"\x00" * 18]),
        st.just("schools.xlsx"),
    ),
)


def test_generated_registry_files_never_break_the_import(client):
    f.login(client, f.user("national"))

    @FUZZ
    @given(upload=files)
    def fuzz(upload):
        data, name = upload
        before = (School.query.count(), District.query.count())
        response = client.post(
            "/ru/organizer/schools/import",
            data={"file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
        assert response.status_code < 500, (name, data[:200], response.status_code)
        if response.status_code != 200:  # refused: a message, and nothing was added
            assert (School.query.count(), District.query.count()) == before
            assert 'role="alert"' in response.get_data(as_text=True)

    fuzz()
