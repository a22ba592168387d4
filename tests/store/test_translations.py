def test_a_deleted_item_takes_its_tracks_translations_with_it(tmp_path) -> None:
    """The trigger of schema step 8: no translation outlives its cue track."""
    from desktop.domain.transcript import Channel, Sentence, Transcript
    from desktop.store.library import Library

    with Library.open(tmp_path / "library.sqlite3") as library:
        transcript = Transcript(
            "file:///a.wav", channels=(Channel(0, (Sentence(0, 1000, "hello world"),)),)
        )
        item = library.add_item(raw=b"{}", source="a.json", transcript=transcript, title="a")
        conn = library._conn
        conn.execute(
            "INSERT INTO cue_tracks (item_id, name, preset_id, origin, cues, created_at,"
            " updated_at) VALUES (?, 'main', 'netflix-en', 'cut', 1, 'now', 'now')",
            (item,),
        )
        track_id = conn.execute("SELECT id FROM cue_tracks").fetchone()[0]
        conn.execute(
            "INSERT INTO cue_translations VALUES (?, 'c1', 'en', 'hello', 'hi', 'done', NULL,"
            " 'now')",
            (track_id,),
        )
        library.delete_item(item)
        assert conn.execute("SELECT COUNT(*) FROM cue_translations").fetchone()[0] == 0
