"""Keep vectors in the table row instead of the TOAST table.

A row longer than 2 KB is toasted: with pgvector's storage for the type, a 512-d vector
(2 KB) and even the row's 64-byte content hash were moved out of line, so every read of
a vector (the distance a search returns, exact scans, the HNSW build) and every hash
comparison of a re-index was a second lookup. ``toast_tuple_target = 8160`` (the
largest allowed) lets rows up to a page stay whole, i.e. vectors up to about 2,000
dimensions; larger ones are still moved out, uncompressed. Rows written before this
migration stay where they are until they are written again.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shop_assistant", "0004_recommend"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE shop_assistant_embedding SET (toast_tuple_target = 8160)",
            "ALTER TABLE shop_assistant_embedding RESET (toast_tuple_target)",
        ),
    ]
