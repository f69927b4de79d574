"""Every error the data layer raises, in Finnish, by its key; the English is
`data.error_texts.TEXTS`, and `present.i18n` pairs the two as the `error.*`
strings (a test keeps the keys of both tables equal).
"""

from __future__ import annotations

ERRORS_FI: dict[str, str] = {
    "ahead_of_clock": (
        "ohjelman päivä {today} on oikean päivän {clock} jälkeen: tulevaa voi katsoa, ei kirjata"
    ),
    "ambiguous": "{text!r} sopii usealle asiakkaalle: {shown} – anna numero",
    "backup_damaged": (
        "varmuuskopiointi epäonnistui: kopio on vioittunut ({why}); tietokanta voi olla myös"
    ),
    "backup_failed": "varmuuskopiointi epäonnistui: {why}",
    "cannot_create": "tiedostoa {path} ei voi luoda: {why}",
    "cannot_join": "tietokantaan ei pääse: {why}",
    "cannot_open": "tietokantaa ei voi avata: {why}",
    "cannot_set_aside": "tietokantaa ei voi kopioida talteen ennen päivitystä: {why}",
    "card_too_big": "kortti on yli {limit} kt",
    "cards_all_sent": "vuoden {year} joulukortit on jo kaikki lähetetty",
    "cards_none": "vuoden {year} joulukortit on jo lähetetty: ei tulostettavia tarroja",
    "cells_beyond_header": "{cells} solua, otsikkorivillä {width} (jäikö lainausmerkki auki?)",
    "changed_by": "{who} muutti tätä ({thing}) {when} – mitään ei muutettu",
    "changed_by_field": (
        "{who} muutti tätä ({thing}) {when}: {field} on nyt {theirs}, sinun {mine} – mitään "
        "ei tallennettu"
    ),
    "changed_meanwhile": "joku muutti tätä samalla hetkellä; katso uudelleen ja yritä sitten",
    "column_twice": (
        "sarake {name!r} on kahdesti; nimeä toinen uudelleen tai ohita se (--map …=ignore)"
    ),
    "conflicts_with_stored": "muutos on ristiriidassa tallennettujen tietojen kanssa: {why}",
    "db_failed": "tietokantavirhe: {why}",
    "demo_not_empty": (
        "tietokannassa {location} on jo asiakkaita; demo tarvitsee tyhjän tietokannan "
        "(kokeile --db demo.db)"
    ),
    "done_before_made": "tehtävä #{id} tehtiin {made}: sitä ei ole voitu hoitaa jo {on}",
    "duplicate": (
        "asiakas on ehkä jo olemassa: {shown}; lisää --allow-duplicate, jos kyse on toisesta"
    ),
    "erase_copy_failed": "{name} poistettiin, mutta ei kopiosta {path}: {why}",
    "erase_log_busy": (
        "{name} poistettiin, mutta toinen tietokantaa lukeva ohjelma pitää vanhoja sivuja "
        "lokissaan, kunnes se suljetaan: sulje muut Ladder-ikkunat"
    ),
    "file_empty": "tiedosto on tyhjä",
    "file_exists": "{path} on jo olemassa; valitse uusi tiedostonimi",
    "file_too_big": "{path} on suurempi kuin {limit} Mt; --max-size nostaa rajaa",
    "file_unreadable": "tiedostoa {path} ei voi lukea",
    "first_line_unreadable": "rivi 1: {why}",
    "followup_closed_by_event": (
        "tehtävä #{id} kuittautui tapahtumasta #{event}: avaa se poistamalla tapahtuma "
        "(ladder event delete {event})"
    ),
    "followup_dismissed": "tehtävä #{id} on jo hylätty ({who} {when})",
    "followup_done": "tehtävä #{id} on jo tehty ({who} {when})",
    "followup_expired": "tehtävä #{id} on vanhentunut: sen viimeinen päivä meni ohi tekemättä",
    "followup_no_note": "tehtävä tarvitsee muistiinpanon siitä, mitä tehdä",
    "followup_open": "tehtävä #{id} on jo avoin",
    "gone_meanwhile": "{thing} on poistettu – mitään ei muutettu",
    "import_event_day": (
        "events[{row}]: päivä {day} on tämän päivän jälkeen tai ennen vuotta 1900 – mitään ei tuotu"
    ),
    "import_kinds": "sääntökirjasta puuttuu tiedoston käyttämiä tapahtumalajeja: {kinds}",
    "import_not_empty": (
        "tietokanta ei ole tyhjä: koko tietokannan vienti tuodaan vain uuteen tietokantaan "
        "(kokeile --db uusi.db)"
    ),
    "import_row": "{part}[{row}]: {why} – mitään ei tuotu",
    "join_no_database": "palvelimella ei ole sen nimistä tietokantaa",
    "join_no_host": "palvelinta ei löydy tällä osoitteella; tarkista osoite",
    "join_not_postgres": "osoitteessa ei ole PostgreSQL-palvelinta",
    "join_password": "käyttäjätunnus tai salasana ei kelpaa palvelimelle",
    "join_refused": "palvelin ei ota yhteyksiä vastaan (onko PostgreSQL käynnissä, oikea portti?)",
    "join_timeout": "palvelin ei vastannut ajoissa",
    "kinds_in_use": (
        "{source} jättää pois tapahtumalajeja, joita on käytetty (tapahtumia): {kinds} – "
        "mitään ei muutettu"
    ),
    "lock_is_link": "{path} on symbolinen linkki eikä Ladderin lukitustiedosto: poista se",
    "map_no_column": "--map {name!r}: tiedostossa ei ole sellaista saraketta",
    "map_pair": "--map {pair!r}: kirjoita SARAKE=KENTTÄ, KENTTÄ jokin näistä: {fields}",
    "merge_self": "asiakasta ei voi yhdistää itseensä",
    "no_backup": "varmuuskopiota {path} ei ole",
    "no_customer": "asiakasta #{id} ei ole",
    "no_event": "tapahtumaa #{id} ei ole",
    "no_folder": "kansiota {folder} ei ole",
    "no_followup": "tehtävää #{id} ei ole",
    "no_id": "numeroa #{id} ei ole",
    "no_match": "yksikään asiakas ei vastaa hakua {text!r}",
    "no_member": "jäsentä {name!r} ei ole",
    "no_name_column": "ensimmäisellä rivillä ei ole nimisaraketta (nimi/name); löytyi: {found}",
    "no_such_version": "{thing} on versiossa {version}, ei {expected} – mitään ei muutettu",
    "no_vcard": "tiedostossa ei ole BEGIN:VCARD-riviä",
    "not_a_backup": "{path} ei ole Ladderin varmuuskopio",
    "not_a_backup_because": "{path} ei ole Ladderin varmuuskopio ({why})",
    "not_a_file": "{path} ei ole tiedosto (kansio, laite tai putki?)",
    "not_a_url": "ei ole tietokannan osoite (postgresql://…)",
    "not_ladder": "{path} ei ole Ladderin tietokanta; siihen ei muutettu mitään",
    "not_orders": (
        "ei ole verkkokaupan tilausluettelo: siinä pitää olla tilausnumero, päivä ja asiakas "
        '(--map "SARAKE=order", …); löytyi: {found}'
    ),
    "not_valid_csv": "ei kelvollista CSV:tä: {reason}",
    "orders_undo_later_events": (
        "asiakkaalle #{id} on kirjattu tapahtumia tuonnin jälkeen – mitään ei kumottu"
    ),
    "output_exists": "{path} on jo olemassa; lisää --force korvataksesi sen",
    "output_is_database": "{path} on itse tietokanta; valitse toinen tiedosto",
    "output_is_folder": "{path} on kansio; anna tiedoston nimi",
    "output_sqlite": "{path} on tietokanta (varmuuskopio?); valitse toinen tiedosto",
    "password_short": "salasanassa on oltava vähintään {count} merkkiä",
    "rederive_busy": (
        "toinen Ladder laskee juuri tätä tietokantaa uudelleen; yritä uudelleen, kun se on valmis"
    ),
    "report_too_long": "raportti kattaa enintään kymmenen vuotta; anna lyhyempi --from/--to",
    "restore_not_empty": (
        "tietokannassa on jo asiakkaita: palauta uuteen tietokantaan (esim. --db palautettu.db)"
    ),
    "rulebook_lacks_kinds": (
        "sääntökirjasta puuttuu tapahtumalajeja, joita tietokanta käyttää: {kinds}"
    ),
    "rules_differ": (
        "{source} ei ole osuuskunnan sääntökirja, jota tietokanta noudattaa: 'ladder rules "
        "whatif {source}' näyttää, ketä se siirtäisi, 'ladder rules apply {source}' ottaa sen"
        " kaikkien käyttöön"
    ),
    "schema_newer": (
        "tietokanta on uudemmasta Ladderista (skeema {revision}); päivitä Ladder avataksesi sen"
    ),
    "snooze_earlier": (
        "tehtävä #{id} erääntyy {due}: {until} aikaistaisi sitä (lisää --earlier, jos niin on"
        " tarkoitus)"
    ),
    "too_many_rows": "yli {limit} riviä; jaa tiedosto osiin",
    "tool_failed": "{tool} epäonnistui: {why}",
    "tool_missing": "{tool} puuttuu koneelta (se tulee PostgreSQL-asiakasohjelmien mukana)",
    "vcard_unreadable": "vCard-riviä ei voi lukea: {reason}",
}
