"""${message}"""

from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types
${imports if imports else ""}
# The usual steps in one call each: storage/migrations/helpers.py (create_table with its
# ix_ indexes, drop_table, add_columns, drop_columns), the table's name on the call's line;
# a column is nullable unless it says nullable=False.

revision, down_revision = ${repr(up_revision)}, ${repr(down_revision)}  # created ${create_date}
% if branch_labels:
branch_labels = ${repr(branch_labels)}
% endif
% if depends_on:
depends_on = ${repr(depends_on)}
% endif


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
