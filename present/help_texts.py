"""The command line's help texts and argument names in both languages, by key.

Kept apart from `i18n.STRINGS` (which takes them in) because there are many and
only `ladder --help` reads them; each key reads as the English it stands for."""

HELP: dict[str, tuple[str, str]] = {
    "cli.read_a_column_otherwise": (
        'lue sarake toisin, esim. "Puhelin 2=phone" (toistettavissa; kentät: {fields})',
        'read a column otherwise, e.g. "Phone 2=phone" (repeatable; fields: {fields})',
    ),
    "cli.the_largest_file_read_in_megabytes": (
        "suurin luettava tiedosto megatavuina (oletus {limit})",
        "the largest file read, in megabytes (default {limit})",
    ),
    "cli.dates_and_customers": (
        "Päivät: {forms}. ASIAKAS on numero tai nimen yksiselitteinen osa.",
        "Dates: {forms}. CUSTOMER is an id or a unique part of a name.",
    ),
    "cli.customer": ("ASIAKAS", "CUSTOMER"),
    "cli.file": ("TIEDOSTO", "FILE"),
    "cli.date": ("PÄIVÄ", "DATE"),
    "cli.text": ("TEKSTI", "TEXT"),
    "cli.action": ("TOIMINTO", "ACTION"),
    "cli.print_one_json_document": ("tulosta JSON-dokumentti", "print one JSON document"),
    "cli.replace_an_existing_output_file": (
        "korvaa olemassa oleva tiedosto",
        "replace an existing --output file",
    ),
    "cli.change_only_if_the_version_is_still_n_json_shows": (
        "muuta vain, jos versio on yhä N (--json näyttää sen): kenenkään muutosta ei kirjoiteta yli",
        "change only if the version is still N (--json shows it): nobody's change is written over",
    ),
    "cli.accept_a_date_more_than_five_years_back": (
        "hyväksy yli viisi vuotta vanha päivä",
        "accept a date more than five years back",
    ),
    "cli.company_or_organisation": ("yritys tai yhteisö", "company or organisation"),
    "cli.e_mail": ("sähköposti", "e-mail"),
    "cli.phone": ("puhelin", "phone"),
    "cli.address": ("osoite", "address"),
    "cli.birthday": ("syntymäpäivä", "birthday"),
    "cli.on_the_ladder_since_default_today": (
        "asiakkaana alkaen (oletus tänään)",
        "on the ladder since (default today)",
    ),
    "cli.comma_separated": ("tunnisteet pilkuin eroteltuina", "comma-separated"),
    "cli.notes": ("muistiinpanot", "notes"),
    "cli.save_even_if_another_customer_has_the_same_name": (
        "tallenna, vaikka sama nimi, sähköposti tai puhelin on jo toisella",
        "save even if another customer has the same name, e-mail or phone",
    ),
    "cli.an_emotional_experience_counts_double": (
        "tunnetason kokemus (lasketaan kahdesti)",
        "an emotional experience (counts double)",
    ),
    "cli.not_emotional_even_if_the_kind_usually_is": (
        "ei tunnetason, vaikka laji yleensä on",
        "not emotional, even if the kind usually is",
    ),
    "cli.settings_that_stay_database_member_language_coun": (
        "asetukset, jotka pysyvät: tietokanta, jäsen, kieli, maa",
        "settings that stay: database, member, language, country",
    ),
    "cli.keep_a_setting": ("tallenna asetus", "keep a setting"),
    "cli.forget_a_setting": ("unohda asetus", "forget a setting"),
    "cli.key": ("NIMI", "KEY"),
    "cli.value": ("ARVO", "VALUE"),
    "cli.read_the_database_password_from_stdin_it_is_kept": (
        "lue tietokannan salasana syötteestä (se tallennetaan PostgreSQL:n salasanatiedostoon, ~/.pgpass tai PGPASSFILE)",
        "read the database password from stdin (it is kept in PostgreSQL's password file, ~/.pgpass or PGPASSFILE)",
    ),
    "cli.show_the_settings_in_force_and_where_each_comes": (
        "näytä voimassa olevat asetukset ja mistä ne tulevat",
        "show the settings in force and where each comes from",
    ),
    "cli.add_list_show_or_edit_customers": (
        "lisää, listaa, näytä tai muokkaa asiakkaita",
        "add, list, show or edit customers",
    ),
    "cli.add_a_customer": ("lisää asiakas", "add a customer"),
    "cli.list_customers_with_their_rung_today": (
        "asiakkaat ja heidän portaansa tänään",
        "list customers with their rung today",
    ),
    "cli.show_one_customer_rung_score_events_reasons": (
        "näytä asiakas: porras, pisteet, tapahtumat, syyt",
        "show one customer: rung, score, events, reasons",
    ),
    "cli.everything_held_about_one_person_as_json": (
        "kaikki henkilöstä tallennettu, JSON-muodossa",
        "everything held about one person, as JSON",
    ),
    "cli.remove_a_person_and_all_about_them_gdpr_erasure": (
        "poista henkilö ja kaikki hänen tietonsa (GDPR)",
        "remove a person and all about them (GDPR erasure)",
    ),
    "cli.make_two_records_of_one_person_one_b_s_events_fo": (
        "yhdistä kaksi saman henkilön asiakasta: B:n tapahtumat, tehtävät ja tiedot A:lle",
        "make two records of one person one: B's events, follow-ups and notes onto A",
    ),
    "cli.change_a_customer_s_details": ("muuta asiakkaan tietoja", "change a customer's details"),
    "cli.name": ("NIMI", "NAME"),
    "cli.only_this_rung_e_g_lojalisti": (
        "vain tämä porras (esim. lojalisti)",
        "only this rung (e.g. lojalisti)",
    ),
    "cli.part_of_name_e_mail_phone_tag": (
        "osa nimeä, sähköpostia, puhelinta tai tunnistetta",
        "part of name/e-mail/phone/tag",
    ),
    "cli.only_customers_at_risk": ("vain vaarassa olevat", "only customers at risk"),
    "cli.do_not_ask_for_confirmation": ("älä kysy vahvistusta", "do not ask for confirmation"),
    "cli.do_not_ask_first": ("älä kysy vahvistusta", "do not ask first"),
    "cli.name_2": ("nimi", "name"),
    "cli.check_the_settings_the_database_the_printer_and": (
        "tarkista asetukset, tietokanta, tulostin ja tiedostojen suojaus",
        "check the settings, the database, the printer and the files' privacy",
    ),
    "cli.log_an_event_a_contact_a_purchase_a_complaint": (
        "kirjaa tapahtuma (yhteydenotto, osto, reklamaatio, …)",
        "log an event (a contact, a purchase, a complaint, …)",
    ),
    "cli.correct_or_delete_a_logged_event": (
        "korjaa tai poista kirjattu tapahtuma",
        "correct or delete a logged event",
    ),
    "cli.correct_an_event_the_customer_is_re_derived": (
        "korjaa tapahtuma; asiakas lasketaan uudelleen",
        "correct an event; the customer is re-derived",
    ),
    "cli.delete_a_mistaken_event": ("poista virheellinen tapahtuma", "delete a mistaken event"),
    "cli.kind": ("LAJI", "KIND"),
    "cli.when_it_happened_default_today": (
        "milloin se tapahtui (oletus tänään)",
        "when it happened (default today)",
    ),
    "cli.a_note": ("muistiinpano", "a note"),
    "cli.event_id": ("NUMERO", "EVENT_ID"),
    "cli.when_it_happened": ("milloin se tapahtui", "when it happened"),
    "cli.fill_an_empty_database_with_a_demo_co_op": (
        "täytä tyhjä tietokanta demo-osuuskunnalla",
        "fill an empty database with a demo co-op",
    ),
    "cli.the_christmas_cards_still_to_send_labels_or_a_ma": (
        "lähettämättömät joulukortit: osoitetarrat tai CSV",
        "the Christmas cards still to send: labels or a mail-merge CSV",
    ),
    "cli.mark_every_card_of_the_year_the_labels_print_as": (
        "merkitse vuoden kaikki tarroille tulostuvat kortit lähetetyiksi (kirjaa joulukortin)",
        "mark every card of the year the labels print as sent (logs the Christmas card)",
    ),
    "cli.the_whole_database_as_json_lossless_or_csv_files": (
        "koko tietokanta JSON- (häviötön) tai CSV-tiedostoina",
        "the whole database as JSON (lossless) or CSV files",
    ),
    "cli.contacts_from_csv_or_vcard_or_a_whole_json_expor": (
        "asiakkaat CSV:stä tai vCardista, tai koko JSON-vienti",
        "contacts from CSV or vCard, or a whole JSON export",
    ),
    "cli.copy_the_whole_database_to_a_new_file": (
        "kopioi koko tietokanta uuteen tiedostoon",
        "copy the whole database to a new file",
    ),
    "cli.restore_a_backup_onto_an_empty_database": (
        "palauta varmuuskopio tyhjään tietokantaan",
        "restore a backup onto an empty database",
    ),
    "cli.another_seed_other_stories": (
        "toinen siemen, toiset tarinat",
        "another seed, other stories",
    ),
    "cli.whose_card_of_year_default_this_year": (
        "minkä vuoden kortit (oletus tämä vuosi)",
        "whose card of YEAR (default this year)",
    ),
    "cli.labels_3x8_on_a4_or_csv": ("tarrat (3x8 A4) tai CSV", "labels (3x8 on A4) or CSV"),
    "cli.the_csv_delimiter_default_as_finnish_excel_reads": (
        "CSV:n erotin (oletus ; kuten suomalainen Excel)",
        "the CSV delimiter (default ; as Finnish Excel reads it)",
    ),
    "cli.whose_cards_default_this_year": (
        "minkä vuoden kortit (oletus tämä vuosi)",
        "whose cards (default this year)",
    ),
    "cli.path": ("POLKU", "PATH"),
    "cli.a_file_json_or_a_folder_csv": (
        "tiedosto (JSON) tai kansio (CSV)",
        "a file (JSON) or a folder (CSV)",
    ),
    "cli.csv_vcf_or_a_ladder_export_json": (
        ".csv, .vcf tai Ladderin .json-vienti",
        ".csv, .vcf or a ladder export .json",
    ),
    "cli.orders": ("TILAUKSET", "ORDERS"),
    "cli.ladder_import_orders_file_a_shop_s_orders_as_pur": (
        "ladder import orders TIEDOSTO: verkkokaupan tilaukset ostoiksi (Shopify, WooCommerce tai --map)",
        "ladder import orders FILE: a shop's orders as purchases (Shopify, WooCommerce or --map)",
    ),
    "cli.orders_add_no_new_customers_list_them": (
        "tilaukset: älä lisää uusia asiakkaita, luettele ne",
        "orders: add no new customers, list them",
    ),
    "cli.orders_bring_back_purchases_a_member_deleted": (
        "tilaukset: tuo uudelleen ostot, jotka jäsen on poistanut",
        "orders: bring back purchases a member deleted",
    ),
    "cli.only_show_what_would_happen": (
        "näytä vain mitä tapahtuisi",
        "only show what would happen",
    ),
    "cli.same_e_mail_or_phone_as_a_customer_skip_or_fill": (
        "sama sähköposti tai puhelin kuin asiakkaalla: ohita tai täydennä tiedot",
        "same e-mail or phone as a customer: skip, or fill in details",
    ),
    "cli.column_field": ("SARAKE=KENTTÄ", "COLUMN=FIELD"),
    "cli.fill_in_a_customer_found_by_the_same_name_alone": (
        "täydennä myös pelkän nimen perusteella löytynyt asiakas (ei oletuksena)",
        "fill in a customer found by the same name alone too (not by default)",
    ),
    "cli.the_follow_up_list_and_acting_on_one": (
        "tehtävälista, ja yhden tehtävän hoitaminen",
        "the follow-up list, and acting on one",
    ),
    "cli.add_your_own_follow_up_about_a_customer": (
        "lisää oma tehtävä asiakkaasta",
        "add your own follow-up about a customer",
    ),
    "cli.mark_a_follow_up_done_logging_what_was_done_the": (
        "merkitse tehtävä tehdyksi; kirjaa samalla se mitä tehtiin (soitto, kortti, …)",
        "mark a follow-up done, logging what was done (the call, the card, …)",
    ),
    "cli.dismiss_one": ("hylkää tehtävä", "dismiss one"),
    "cli.open_a_done_dismissed_or_snoozed_follow_up_again": (
        "avaa tehty, hylätty tai siirretty tehtävä uudelleen",
        "open a done, dismissed or snoozed follow-up again",
    ),
    "cli.move_a_follow_up_to_a_later_day": (
        "siirrä tehtävä myöhemmäksi",
        "move a follow-up to a later day",
    ),
    "cli.give_a_follow_up_to_another_member": (
        "anna tehtävä toiselle jäsenelle",
        "give a follow-up to another member",
    ),
    "cli.also_list_what_is_due_in_the_next_n_days": (
        "myös seuraavien N päivän tehtävät (oletus 7)",
        "also list what is due in the next N days (default 7)",
    ),
    "cli.only_my_follow_ups": ("vain omat tehtävät", "only my follow-ups"),
    "cli.a_file_format_instead_of_a_table": (
        "tiedostomuoto taulukon sijaan",
        "a file format instead of a table",
    ),
    "cli.write_to_file_instead_of_the_screen": (
        "kirjoita tiedostoon",
        "write to FILE instead of the screen",
    ),
    "cli.send_to_the_printer_lp": ("tulostimelle (lp)", "send to the printer (lp)"),
    "cli.ics_as_to_dos_vtodo_instead_of_all_day_events": (
        "ics: tehtävinä (VTODO) koko päivän tapahtumien sijaan",
        "ics: as to-dos (VTODO) instead of all-day events",
    ),
    "cli.when_it_is_due_today_or_later": (
        "eräpäivä (tänään tai myöhemmin)",
        "when it is due (today or later)",
    ),
    "cli.what_to_do": ("mitä tehdä", "what to do"),
    "cli.member": ("JÄSEN", "MEMBER"),
    "cli.another_member_s_task": ("toisen jäsenen tehtävä", "another member's task"),
    "cli.id": ("NUMERO", "ID"),
    "cli.the_event_to_log_default_what_the_follow_up_stan": (
        "kirjattava tapahtuma (oletus tehtävän mukaan, esim. soitto → jälkimarkkinointisoitto)",
        "the event to log (default: what the follow-up stands for, e.g. the call)",
    ),
    "cli.close_it_without_logging_a_contact": (
        "kuittaa kirjaamatta yhteydenottoa",
        "close it without logging a contact",
    ),
    "cli.a_note_for_the_event": ("muistiinpano tapahtumaan", "a note for the event"),
    "cli.when_it_was_done_default_today": (
        "milloin se tehtiin (oletus tänään)",
        "when it was done (default today)",
    ),
    "cli.today_or_later": ("tänään tai myöhemmin", "today or later"),
    "cli.allow_a_day_before_it_is_due": (
        "salli aiempi päivä kuin eräpäivä",
        "allow a day before it is due",
    ),
    "cli.to_whom": ("kenelle", "to whom"),
    "cli.who_did_what_and_when_of_a_customer_a_member_or": (
        "kuka teki mitä ja milloin: asiakkaan, jäsenen tai kaikkien",
        "who did what and when: of a customer, a member or everyone",
    ),
    "cli.only_this_member_s": ("vain tämän jäsenen", "only this member's"),
    "cli.from_this_day_on": ("tästä päivästä", "from this day on"),
    "cli.where_and_when": ("missä ja milloin", "where and when"),
    "cli.a_co_op_s_customer_ladder_kuluttaja_kokeilija_as": (
        "Osuuskunnan asiakkuuksien tikapuut: kuluttaja → kokeilija → asiakas → lojalisti → sanansaattaja. Ilman komentoa avautuu aamun näkymä.",
        "A co-op's customer ladder: kuluttaja → kokeilija → asiakas → lojalisti → sanansaattaja. With no command, opens the morning view.",
    ),
    "cli.command": ("KOMENTO", "COMMAND"),
    "cli.sqlite_file_or_postgresql_url_env_ladder_db": (
        "SQLite-tiedosto tai postgresql://-osoite (LADDER_DB)",
        "SQLite file or postgresql:// URL (env LADDER_DB)",
    ),
    "cli.the_rulebook_of_a_new_database_toml_env_ladder_r": (
        "uuden tietokannan sääntökirja (TOML, LADDER_RULES); muuten sen on oltava osuuskunnan (ladder rules apply)",
        "the rulebook of a new database (TOML, env LADDER_RULES); otherwise it must be the co-op's (ladder rules apply)",
    ),
    "cli.the_date_taken_as_today_env_ladder_today": (
        "mitä päivää pidetään tänään (LADDER_TODAY)",
        "the date taken as today (env LADDER_TODAY)",
    ),
    "cli.who_is_using_the_program_env_ladder_member_defau": (
        "kuka ohjelmaa käyttää (LADDER_MEMBER; oletus käyttäjätunnus)",
        "who is using the program (env LADDER_MEMBER; default login name)",
    ),
    "cli.how_the_ladder_moved_in_a_period_text_json_or_a": (
        "tikapuiden liikkeet kaudelta: teksti, JSON tai PDF vuosikokoukseen",
        "how the ladder moved in a period: text, JSON or a PDF for the annual meeting",
    ),
    "cli.first_day_default_last_year_if_it_has_events_els": (
        "kauden alku (oletus: viime vuosi, jos sillä on tapahtumia, muuten 12 kuukautta)",
        "first day (default: last year if it has events, else the last twelve months)",
    ),
    "cli.last_day_default_today": (
        "kauden loppu (oletus tänään --from-päivän kanssa)",
        "last day (default today)",
    ),
    "cli.the_form_default_text": ("muoto (oletus teksti)", "the form (default text)"),
    "cli.save_to_a_file": ("tallenna tiedostoon", "save to a file"),
    "cli.how_many_customers_stand_on_each_rung_and_the_we": (
        "montako asiakasta kullakin portaalla, ja viikon liikkeet",
        "how many customers stand on each rung, and the week's moves",
    ),
    "cli.the_co_op_s_rulebook_show_check_try_out_apply": (
        "osuuskunnan sääntökirja: näytä, tarkista, kokeile, ota käyttöön",
        "the co-op's rulebook: show, check, try out, apply",
    ),
    "cli.write_the_co_op_s_rulebook_to_a_file_to_edit": (
        "kirjoita osuuskunnan sääntökirja tiedostoon muokattavaksi",
        "write the co-op's rulebook to a file to edit",
    ),
    "cli.make_a_rulebook_the_whole_co_op_s_shows_first_wh": (
        "ota sääntökirja käyttöön koko osuuskunnalle (näyttää ensin, ketä se siirtäisi)",
        "make a rulebook the whole co-op's (shows first whom it would move)",
    ),
    "cli.check_a_rulebook_file_and_list_every_problem": (
        "tarkista sääntökirja ja luettele kaikki virheet",
        "check a rulebook file and list every problem",
    ),
    "cli.how_many_customers_another_rulebook_would_move": (
        "ketä toinen sääntökirja siirtäisi",
        "how many customers another rulebook would move",
    ),
    "cli.file_default_the_screen": ("tiedosto (oletus: näytölle)", "file (default: the screen)"),
    "cli.print_the_co_op_s_rulebook_which_the_database_fo": (
        "tulosta osuuskunnan sääntökirja, jota tietokanta noudattaa",
        "print the co-op's rulebook, which the database follows",
    ),
    "cli.serve_ladder_to_browsers_each_member_signs_in_wi": (
        "avaa Ladder selaimeen: jokainen jäsen kirjautuu omalla nimellään",
        "serve Ladder to browsers: each member signs in with their own name",
    ),
    "cli.who_may_sign_in_from_a_browser": (
        "kuka voi kirjautua selaimesta",
        "who may sign in from a browser",
    ),
    "cli.the_member_can_no_longer_sign_in": (
        "jäsen ei voi enää kirjautua",
        "the member can no longer sign in",
    ),
    "cli.address_to_listen_on": ("osoite", "address to listen on"),
    "cli.port": ("portti", "port"),
    "cli.the_address_browsers_come_to_https_behind_a_prox": (
        "osoite, jolla selaimet tulevat (https://… välityspalvelimen takana)",
        "the address browsers come to (https://… behind a proxy)",
    ),
    "cli.most_seats_one_member_may_open": (
        "yhden jäsenen avoimia istuntoja enintään",
        "most seats one member may open",
    ),
    "cli.add_a_member_with_a_password": ("lisää jäsen salasanalla", "add a member with a password"),
    "cli.change_a_member_s_password": ("vaihda jäsenen salasana", "change a member's password"),
    "cli.read_the_password_from_stdin": ("lue salasana syötteestä", "read the password from stdin"),
    "cli.the_members": ("jäsenet", "the members"),
}
