"""Every word the program shows a person, in Finnish and in English."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from data.error_texts import TEXTS
from data.errors import Duplicate
from ladder import Rulebook, format_date
from ladder.contact import MAX_NAME, ContactError
from ladder.dates import DateError
from ladder.phones import shown
from ladder.rulebook import PROBLEMS, Problem, RulebookError, UnknownKind
from ladder.triggers import REASON_KEYS
from present.error_words import ERRORS_FI
from present.help_texts import HELP

if TYPE_CHECKING:
    from data.records import Alike

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Finnish, English)
    "app.title": ("Ladder – asiakkuuksien tikapuut", "Ladder – the customer ladder"),
    "morning.title": ("Aamun näkymä", "Morning view"),
    "morning.ladder": ("Tikapuut", "The ladder"),
    "morning.moves": ("Viikon liikkeet", "Moves this week"),
    "morning.no_moves": ("Ei liikkeitä viimeisen 7 päivän aikana.", "No moves in the last 7 days."),
    "morning.followups": ("Tehtävät", "Follow-ups"),
    "morning.nothing_due": (
        "Ei erääntyneitä tehtäviä. Hyvää päivää!",
        "Nothing due. Have a good day!",
    ),
    "morning.empty_database": (
        "Täällä ei ole vielä asiakkaita. Lisää asiakas painamalla n, tai tuo yhteystiedot "
        "puhelimesta tai taulukosta: ctrl+p → Tuo asiakkaita (komentoriviltä: "
        "ladder import tiedosto.csv).",
        "No customers here yet. Add one with n, or bring in your contacts from a phone or a "
        "sheet: ctrl+p → Import customers (from the command line: ladder import file.csv).",
    ),
    "key.mark": ("Merkitse", "Mark"),
    "done.many_confirm": (
        "Merkitäänkö {count} merkittyä tehtävää tehdyiksi? Kustakin kirjataan se, mitä "
        "tehtävä tarkoittaa (esim. joulukortti). Kumoa: u. (k = kyllä)",
        "Mark the {count} marked follow-ups done? Each logs what it stands for (a Christmas "
        "card, say). Undo: u. (y = yes)",
    ),
    "done.many": ("{count} tehtävää merkitty tehdyiksi", "{count} follow-ups marked done"),
    "morning.shown": (
        "näytetään {shown} / {total}, tulosteessa kaikki",
        "{shown} of {total} shown, all on paper",
    ),
    "morning.only_mine": ("vain omat", "only mine"),
    "col.customer": ("Asiakas", "Customer"),
    "col.rung": ("Porras", "Rung"),
    "col.kind": ("Tehtävä", "Follow-up"),
    "col.reason": ("Syy", "Reason"),
    "col.owner": ("Kenelle", "Owner"),
    "col.phone": ("Puhelin", "Phone"),
    "col.tags": ("Tunnisteet", "Tags"),
    "col.due": ("Eräpäivä", "Due"),
    "col.score": ("Pisteet", "Score"),
    "col.last": ("Viimeksi", "Last event"),
    "col.id": ("Nro", "ID"),
    "col.on": ("Päivä", "Date"),
    "col.event": ("Tapahtuma", "Event"),
    "col.note": ("Muistiinpano", "Note"),
    "col.by": ("Kirjasi", "Logged by"),
    "col.count": ("Määrä", "Count"),
    "col.up": ("Ylös 7 pv", "Up 7d"),
    "col.down": ("Alas 7 pv", "Down 7d"),
    "overdue": ("myöhässä", "overdue"),
    "today": ("tänään", "today"),
    "at_risk": ("vaarassa", "at risk"),
    "emotional": ("tunnetason", "emotional"),
    "key.log": ("Kirjaa", "Log"),
    "key.add": ("Uusi", "New"),
    "key.done": ("Tehty", "Done"),
    "key.snooze": ("Siirrä", "Snooze"),
    "key.dismiss": ("Hylkää", "Dismiss"),
    "key.open": ("Avaa", "Open"),
    "key.print": ("Tulosta", "Print"),
    "key.mine": ("Vain omat", "Only mine"),
    "key.search": ("Hae", "Search"),
    "key.customers": ("Asiakkaat", "Customers"),
    "key.morning": ("Aamu", "Morning"),
    "key.back": ("Takaisin", "Back"),
    "key.edit": ("Muokkaa", "Edit"),
    "key.delete_event": ("Poista tapahtuma", "Delete event"),
    "key.edit_event": ("Korjaa tapahtuma", "Correct event"),
    "key.quit": ("Lopeta", "Quit"),
    "key.gdpr": ("Tiedot (GDPR)", "Data (GDPR)"),
    "key.erase": ("Poista henkilö", "Erase person"),
    "file.format": ("Muoto", "Format"),
    "file.path": ("Tiedosto", "File"),
    "file.export_followups": ("Vie tehtävälista tiedostoon", "Export the follow-up list"),
    "file.card_labels": ("Joulukorttien osoitetarrat", "Christmas card address labels"),
    "file.import": ("Tuo asiakkaita (CSV, vCard)", "Import customers (CSV, vCard)"),
    "file.import_orders": (
        "Tuo verkkokaupan tilaukset ostoiksi (Shopify, WooCommerce)",
        "Import the shop's orders as purchases (Shopify, WooCommerce)",
    ),
    "file.export_database": ("Vie koko tietokanta (JSON)", "Export the whole database (JSON)"),
    "file.backup": ("Varmuuskopioi tietokanta", "Back up the database"),
    "file.export_person": ("Vie henkilön tiedot (GDPR)", "Export a person's data (GDPR)"),
    "key.save": ("Tallenna", "Save"),
    "key.cancel": ("Peruuta", "Cancel"),
    "key.refresh": ("Päivitä", "Refresh"),
    "customers.title": ("Asiakkaat", "Customers"),
    "customers.search": (
        "Hae nimellä, sähköpostilla tai puhelimella…",
        "Search name, e-mail or phone…",
    ),
    "customers.all_rungs": ("Kaikki portaat", "All rungs"),
    "customers.at_risk_only": ("Vain vaarassa olevat", "At risk only"),
    "customers.count": ("{shown} / {total} asiakasta", "{shown} of {total} customers"),
    "card.title": ("Asiakaskortti", "Customer card"),
    "card.events": ("Tapahtumat", "Events"),
    "card.why": ("Miksi tällä portaalla", "Why on this rung"),
    "card.followups": ("Avoimet tehtävät", "Open follow-ups"),
    "card.score_trend": ("Pisteet ajan mittaan", "Score over time"),
    "card.no_events": ("Ei vielä tapahtumia.", "No events yet."),
    "card.at_risk_why": (
        "Vaarassa: ei yhteyttä {days} päivään. Mikä tahansa tapahtuma (soitto, kortti, "
        "osto) pitää hänet portaallaan.",
        "At risk: no contact for {days} days. Any event (a call, a card, a purchase) keeps "
        "them on their rung.",
    ),
    "card.at_risk_falls": (
        "Muuten pisteet hiipuvat ja hän putoaa portaalle {rung} {day}.",
        "Otherwise the score fades and they drop to {rung} on {day}.",
    ),
    "key.merge": ("Yhdistä", "Merge"),
    "merge.title": ("Yhdistä toinen asiakas tähän: {name}", "Merge another customer into {name}"),
    "merge.pick": ("Kirjoita sen asiakkaan nimi, joka on sama henkilö…", "Type the other's name…"),
    "card.gone": (
        "{name} on poistettu – joku toinen poisti asiakkaan juuri.",
        "{name} is gone – a colleague has just erased this customer.",
    ),
    "field.name": ("Nimi", "Name"),
    "field.email": ("Sähköposti", "E-mail"),
    "field.phone": ("Puhelin", "Phone"),
    "field.address": ("Osoite", "Address"),
    "field.birthday": ("Syntymäpäivä", "Birthday"),
    "field.tags": ("Tunnisteet", "Tags"),
    "field.notes": ("Muistiinpanot", "Notes"),
    "field.customer": ("Asiakas", "Customer"),
    "field.kind": ("Tapahtuma", "Event"),
    "field.date": ("Päivä", "Date"),
    "field.emotional": ("Tunnetason kokemus (lasketaan kahdesti)", "Emotional (counts double)"),
    "field.note": ("Muistiinpano", "Note"),
    "field.member": ("Jäsen", "Member"),
    "field.until": ("Siirrä päivään", "Snooze until"),
    "log.title": ("Kirjaa yhteydenotto", "Log a contact"),
    "log.pick_customer": ("Kirjoita asiakkaan nimeä…", "Type the customer's name…"),
    "log.saved": ("Kirjattu: {customer} – {kind}", "Logged: {customer} – {kind}"),
    "log.created": ("Uusi tehtävä: {items}", "New follow-up: {items}"),
    "log.closed": ("Tehtäviä hoidettu: {count}", "Follow-ups closed: {count}"),
    "log.closed.one": ("1 tehtävä hoidettu", "1 follow-up closed"),
    "log.choose_customer": ("Valitse asiakas listasta.", "Choose a customer from the list."),
    "log.nobody": (
        "Ketään ei löydy nimellä {name!r} – ctrl+n lisää uuden asiakkaan tällä nimellä",
        "Nobody is called {name!r} – ctrl+n adds a new customer by that name",
    ),
    "log.several": (
        "{count} sopii – valitse oikea nuolilla ja enterillä",
        "{count} match what was typed – choose the right one with the arrows and enter",
    ),
    "log.kind_hint": ("kirjoita alku, esim. osto, rek", "type its start, e.g. purch, compl"),
    "log.no_kind": ("mikään tapahtuma ei ala näin", "no event starts like this"),
    "customer.add_title": ("Uusi asiakas", "New customer"),
    "customer.edit_title": ("Muokkaa asiakasta", "Edit customer"),
    "customer.saved": ("Tallennettu: {name}", "Saved: {name}"),
    "duplicate.title": (
        "Tämä asiakas taitaa olla jo olemassa",
        "This customer may be here already",
    ),
    "duplicate.open": ("Avaa {name}", "Open {name}"),
    "duplicate.anyway": ("Lisää silti: eri henkilö", "Add anyway: someone else"),
    "snooze.title_of": ("Siirrä tehtävää: {customer}", "Snooze: {customer}"),
    "snooze.done": ("{customer}: siirretty {day} asti", "{customer}: snoozed until {day}"),
    "snooze.confirm_earlier": (
        "Tehtävä erääntyy {due}. Aikaistetaanko se päivään {until}? (k = kyllä)",
        "The follow-up is due {due}. Bring it forward to {until}? (y = yes)",
    ),
    "followup.done": ("Merkitty tehdyksi", "Marked done"),
    "followup.dismissed": ("Hylätty", "Dismissed"),
    "followup.reopened": ("Avattu uudelleen", "Reopened"),
    "done.title": ("Merkitse tehdyksi: {customer}", "Mark done: {customer}"),
    "done.what": ("Mitä tehtiin?", "What was done?"),
    "done.no_event": ("Ei yhteydenottoa (kuittaa vain)", "No contact (just close it)"),
    "done.logged": (
        "{customer}: {task} tehty – kirjattu {kind}",
        "{customer}: {task} done – logged {kind}",
    ),
    "done.closed_before": (
        "{customer}: {who} oli jo sulkenut tehtävän ({task}) – {kind} kirjattiin silti",
        "{customer}: {who} had closed the follow-up ({task}) already – {kind} was logged "
        "all the same",
    ),
    "done.closed": ("{customer}: {task} tehty", "{customer}: {task} done"),
    "undo.nothing": ("Ei kumottavaa.", "Nothing to undo."),
    "undo.done": ("Kumottu: {customer} – {what}", "Undone: {customer} – {what}"),
    "undo.refused": (
        "Ei kumottu: {customer} – {what}. {why}",
        "Not undone: {customer} – {what}. {why}",
    ),
    "undo.what_done": ("tehty tehtävä", "task marked done"),
    "undo.what_merged": ("yhdistetty: {other}", "merged: {other}"),
    "undo.what_done_many": ("yhdessä tehdyiksi merkityt tehtävät", "tasks marked done together"),
    "undo.many_customers": ("{count} asiakasta", "{count} customers"),
    "undo.what_dismissed": ("hylätty tehtävä", "dismissed task"),
    "undo.what_snoozed": ("siirretty tehtävä", "snoozed task"),
    "undo.what_logged": ("kirjattu {kind}", "logged {kind}"),
    "undo.what_deleted": ("poistettu {kind}", "deleted {kind}"),
    "key.undo": ("Kumoa", "Undo"),
    "key.help": ("Ohje", "Help"),
    "key.palette": ("Komennot", "Commands"),
    "help.title": ("Näppäimet: {screen}", "Keys: {screen}"),
    "help.signs": (
        "⚠ päivän edessä: tehtävä on myöhässä.\n"
        "⚠ vaarassa (asiakaskortilla ja listassa): lojalisti tai sanansaattaja, josta ei ole "
        "kuulunut mitään {days} päivään. Mikä tahansa tapahtuma – soitto, kortti, osto – pitää "
        "hänet portaallaan; muuten pisteet hiipuvat ja hän putoaa alemmas.\n"
        "✓ nimen edessä: välilyönnillä merkitty; d merkitsee kaikki merkityt tehdyiksi.",
        "⚠ before a day: the follow-up is overdue.\n"
        "⚠ at risk (on the card and in the list): a loyalist or advocate nobody has heard "
        "from in {days} days. Any event – a call, a card, a purchase – keeps them on their rung; "
        "otherwise the score fades and they drop a rung.\n"
        "✓ before a name: marked with space; d marks every marked one done.",
    ),
    "date.confirm_long_ago": (
        "{day} on yli viisi vuotta sitten. Kirjataanko silti? (k = kyllä)",
        "{day} is more than five years ago. Log it anyway? (y = yes)",
    ),
    "date.event_hint": ("esim. 24.11.2026, -1d, eilen", "e.g. 24.11.2026, -1d, yesterday"),
    "date.birthday_hint": ("esim. 3.5.1980", "e.g. 3.5.1980"),
    "date.future": (
        "{day} on tämän päivän jälkeen: tapahtuma on jotain, mikä on jo tapahtunut",
        "{day} is after today: an event is something that happened",
    ),
    "date.too_early": ("{day} on ennen 1.1.1900", "{day} is before 1.1.1900"),
    "date.long_ago": (
        "{day} on yli viisi vuotta sitten – lisää --force, jos päivä on oikein",
        "{day} is more than five years ago – add --force if the day is right",
    ),
    "date.today_range": (
        "--today {day}: pitää olla 1.1.1900 ja 31.12.2999 väliltä",
        "--today {day}: must be between 1.1.1900 and 31.12.2999",
    ),
    "date.past": (
        "{day} on jo mennyt: valitse tämä päivä tai myöhempi",
        "{day} is in the past: choose today or later",
    ),
    "cli.see_help": ("katso ladder --help", "see ladder --help"),
    "cli.interrupted": ("keskeytetty", "interrupted"),
    "cli.out_of_range": (
        "päivä tai luku on kaiken kalenterin ulkopuolella",
        "a date or a number is out of any calendar's range",
    ),
    "thing.customer": ("asiakas #{id}", "customer #{id}"),
    "thing.event": ("tapahtuma #{id}", "event #{id}"),
    "thing.followup": ("tehtävä #{id}", "follow-up #{id}"),
    "who.rules": ("sääntöjen mukaan", "the rules"),
    "error.argparse": ("{message}", "{message}"),  # argparse's own, already in the language
    "moment": ("{day} klo {hour}.{minute:02d}", "{day} at {hour}:{minute:02d}"),
    "error.unknown_kind": (
        "tuntematon tapahtuma {kind!r} (esim. {known})",
        "unknown event kind {kind!r} (one of: {known})",
    ),
    "error.nothing_to_change": (
        "ei muutettavaa: anna --name, --email, --phone, …",
        "nothing to change: give --name, --email, --phone, …",
    ),
    "error.event_nothing_to_change": (
        "ei muutettavaa: anna --kind, --on, --emotional tai --note",
        "nothing to change: give --kind, --on, --emotional or --note",
    ),
    "store.opening": (
        "Tietokantaa avataan vielä – hetki, ja uudelleen.",
        "Still opening the database – a moment, then again.",
    ),
    "error.report_backwards": (
        "kausi loppuu ennen kuin alkaa: anna --from ennen --to-päivää",
        "the period ends before it starts: give --from before --to",
    ),
    "error.field": ("{field}: {problem}", "{field}: {problem}"),
    "refresh.gone": (
        "{customer}: {task} lähti listalta – toinen jäsen ehti ensin",
        "{customer}: {task} left the list – a colleague got there first",
    ),
    "history.title": ("Kuka teki mitä: {name}", "Who did what: {name}"),
    "key.history": ("Historia", "History"),
    "history.none": ("Ei merkintöjä.", "Nothing on record."),
    "col.when": ("Milloin", "When"),
    "col.who": ("Kuka", "Who"),
    "col.what": ("Mitä", "What"),
    "action.customer_add": ("lisäsi asiakkaan", "added the customer"),
    "action.customer_edit": ("muutti tietoja", "edited details"),
    "action.customer_erase": ("poisti asiakkaan tiedot", "erased the customer"),
    "action.merge": ("yhdisti asiakkaat", "merged customers"),
    "action.log": ("kirjasi tapahtuman", "logged an event"),
    "action.event_edit": ("korjasi tapahtumaa", "corrected an event"),
    "action.event_delete": ("poisti tapahtuman", "deleted an event"),
    "action.done": ("teki tehtävän", "did a follow-up"),
    "action.dismiss": ("ohitti tehtävän", "dismissed a follow-up"),
    "action.snooze": ("siirsi tehtävää", "snoozed a follow-up"),
    "action.reopen": ("avasi tehtävän uudelleen", "reopened a follow-up"),
    "action.reassign": ("antoi tehtävän toiselle", "gave a follow-up to another"),
    "action.followup_add": ("lisäsi muistutuksen", "added a reminder"),
    "action.undo": ("kumosi", "undid"),
    "action.import": ("toi asiakkaita", "imported customers"),
    "action.rules_apply": ("otti sääntökirjan käyttöön", "applied a rulebook"),
    "action.member_password": ("antoi salasanan", "set a password"),
    "action.member_remove": ("poisti kirjautumisen", "removed sign-in"),
    "member.password_set": ("{name} voi nyt kirjautua selaimesta", "{name} can now sign in"),
    "member.password": ("Salasana:", "Password:"),
    "member.password_again": ("Salasana uudelleen:", "Password again:"),
    "member.removed": ("{name} ei voi enää kirjautua", "{name} can no longer sign in"),
    "member.signs_in": ("kirjautuu", "signs in"),
    "member.no_sign_in": ("ei salasanaa", "no password"),
    "error.password_needs_terminal": (
        "salasana kysytään päätteessä, tai anna se valitsimella --password-stdin",
        "the password is asked in a terminal, or given with --password-stdin",
    ),
    "error.passwords_differ": (
        "salasanat eroavat; mitään ei muutettu",
        "the passwords differ; nothing was changed",
    ),
    "error.serve_needs_password": (
        "kuuntelu osoitteessa {host} vaatii jäsenen, jolla on salasana: ladder member add NIMI",
        "listening on {host} needs a member with a password: ladder member add NAME",
    ),
    "print.file_stem": ("tehtavat", "followups"),
    "print.delivered": ("Ladattu selaimeesi: {name}", "Downloaded to your browser: {name}"),
    "undo.what_orders": (
        "tilausten tuonti ({count} ostoa)",
        "the orders import ({count} purchases)",
    ),
    "orders.columns": ("Sarakkeet: {columns}", "Columns: {columns}"),
    "orders.ambiguous": (
        "{order}: sopii usealle asiakkaalle ({matches}) – ei arvata, ohitettiin",
        "{order}: matches more than one customer ({matches}) – not guessed, skipped",
    ),
    "orders.skipped": ("{order}: ohitettiin ({why})", "{order}: skipped ({why})"),
    "orders.why_refunded": ("hyvitetty", "refunded"),
    "orders.why_voided": ("mitätöity", "voided"),
    "orders.why_cancelled": ("peruttu", "cancelled"),
    "orders.why_failed": ("epäonnistunut", "failed"),
    "orders.why_unpaid": ("maksamatta", "not paid"),
    "orders.why_no_customer": ("ei asiakasta (--no-new)", "no such customer (--no-new)"),
    "orders.summary": (
        "{orders} tilausta: {purchases} ostoa {customers} asiakkaalle ja {new} uudelle; "
        "{already} tuotu jo aiemmin, {skipped} ohitettu, {bad} virheellistä riviä",
        "{orders} orders: {purchases} purchases for {customers} customers and new ones: {new}; "
        "{already} imported before, {skipped} skipped, {bad} bad rows",
    ),
    "orders.done": (
        "Kirjattiin {purchases} ostoa; uusia asiakkaita {new}",
        "Logged {purchases} purchases; new customers: {new}",
    ),
    "orders.climbed": ("{count} nousi portaalle {rung}", "{count} climbed to {rung}"),
    "seat.title": ("Kirjaudu Ladderiin", "Sign in to Ladder"),
    "seat.intro": (
        "Osuuskunnan asiakkaat ja päivän tehtävät. Kirjaudu omalla nimelläsi.",
        "Your co-op's customers and the day's follow-ups. Sign in with your own name.",
    ),
    "seat.name": ("Nimi", "Name"),
    "seat.password": ("Salasana", "Password"),
    "seat.signin": ("Kirjaudu", "Sign in"),
    "seat.start": ("Aloita", "Start"),
    "seat.ended": ("Istunto päättyi.", "Session ended."),
    "seat.restart": ("Aloita uudelleen", "Restart"),
    "seat.refused": ("Nimi tai salasana ei kelpaa.", "The name or the password is not right."),
    "seat.slow_down": (
        "Liian monta yritystä; odota hetki ja yritä uudelleen.",
        "Too many tries; wait a minute and try again.",
    ),
    "rules.in_force": (
        "Osuuskunnan sääntökirja #{number}, käyttöön {when}, {who}",
        "The co-op's rulebook #{number}, applied {when} by {who}",
    ),
    "rules.apply_ask": (
        "Otetaanko {file} koko osuuskunnan sääntökirjaksi? [k/e]",
        "Make {file} the whole co-op's rulebook? [y/n]",
    ),
    "rules.not_applied": ("Sääntökirjaa ei vaihdettu.", "The rulebook was not changed."),
    "rules.applied": (
        "{file} on nyt osuuskunnan sääntökirja; asiakkaat laskettiin sen mukaan.",
        "{file} is now the co-op's rulebook; every customer was derived under it.",
    ),
    "rules.already": (
        "{file} on jo osuuskunnan sääntökirja; mitään ei muutettu.",
        "{file} is the co-op's rulebook already; nothing was changed.",
    ),
    "config.from_option": ("komentoriviltä", "from the command line"),
    "config.from_file": ("asetustiedostosta", "from the settings file"),
    "config.from_default": ("oletus", "default"),
    "config.file": ("Asetustiedosto: {path}", "Settings file: {path}"),
    "config.set": ("{name} = {value} (tallennettu: {path})", "{name} = {value} (kept in {path})"),
    "config.unset": ("{name} unohdettu", "{name} forgotten"),
    "config.not_set": ("{name} ei ollut asetettu", "{name} was not set"),
    "config.password_kept": (
        "Salasana tallennettiin PostgreSQL:n salasanatiedostoon {path} (vain sinulle luettava)",
        "The password was kept in PostgreSQL's password file {path} (readable by you only)",
    ),
    "error.config_unreadable": (
        "asetustiedostoa {path} ei voi lukea",
        "settings file {path} cannot be read",
    ),
    "error.config_unknown_key": (
        "asetustiedostossa {path} on tuntematon asetus {name}",
        "settings file {path} has an unknown setting {name}",
    ),
    "error.config_unknown": ("tuntematon asetus {name}", "unknown setting {name}"),
    "error.config_language": ("kieli on fi tai en", "language is fi or en"),
    "error.config_country": ("ei ole maakoodi (FI, SE, EE …)", "not a country code (FI, SE, EE …)"),
    "error.config_db": (
        "tietokanta on tiedosto tai postgresql://-osoite",
        "the database is a file or a postgresql:// address",
    ),
    "error.config_password": (
        "salasanaa ei koskaan tallenneta asetustiedostoon",
        "a password is never kept in the settings file",
    ),
    "error.config_no_value": ("anna tallennettava arvo", "give the value to keep"),
    "error.password_stdin_db": (
        "--password-stdin on tietokannan salasanalle",
        "--password-stdin is for the database",
    ),
    "doctor.version": ("Ladder {version}", "Ladder {version}"),
    "doctor.no_settings": (
        "Ei asetustiedostoa ({path}); asetukset tulevat ympäristöstä tai oletuksista",
        "No settings file ({path}); the settings come from the environment or defaults",
    ),
    "doctor.settings_bad": (
        "Asetustiedosto {path}: {why} → korjaa se tai poista se",
        "Settings file {path}: {why} → fix it or remove it",
    ),
    "doctor.settings": ("Asetustiedosto {path}", "Settings file {path}"),
    "doctor.database": ("Tietokanta: {where} ({source})", "Database: {where} ({source})"),
    "doctor.no_database": (
        "Tietokantaa ei ole vielä → liity osuuskunnan tietokantaan: ladder config set "
        "database postgresql://… (tai avaa ladder ja valitse)",
        "There is no database yet → join your co-op's: ladder config set database "
        "postgresql://… (or open ladder and choose)",
    ),
    "doctor.does_not_open": (
        "Tietokanta ei aukea: {why}",
        "The database does not open: {why}",
    ),
    "doctor.schema": (
        "Skeema {revision}, sama kuin ohjelman",
        "Schema {revision}, as the program's",
    ),
    "doctor.empty": (
        "Tyhjä tietokanta: Ladder tekee taulunsa, kun se avataan ensi kerran",
        "An empty database: Ladder makes its tables when it is first opened",
    ),
    "doctor.schema_old": (
        "Skeema {revision}; ohjelman {ours}: päivitetään seuraavalla avauksella",
        "Schema {revision}; the program's is {ours}: upgraded when next opened",
    ),
    "doctor.rulebook": (
        "Sääntökirja #{number}, käyttöön {when}, {who}",
        "Rulebook #{number}, applied {when} by {who}",
    ),
    "doctor.member": ("Olet {name} ({source})", "You are {name} ({source})"),
    "doctor.printer": ("Tulostin: {path}", "Printer: {path}"),
    "doctor.no_printer": (
        "Ei tulostinta (lp): tulosteet tallentuvat tiedostoiksi Asiakirjat-kansioon",
        "No printer (lp): printouts are saved as files in your Documents",
    ),
    "doctor.file_open": (
        "{path} on muidenkin luettavissa → chmod 600 {path}",
        "{path} can be read by others → chmod 600 {path}",
    ),
    "doctor.file_private": ("{path} on vain sinun", "{path} is yours only"),
    "doctor.no_folder": (
        "Datakansiota {path} ei ole vielä",
        "The data folder {path} is not there yet",
    ),
    "doctor.folder_open": (
        "Datakansio {path} on muidenkin avattavissa → chmod 700 {path}",
        "The data folder {path} can be opened by others → chmod 700 {path}",
    ),
    "doctor.folder_private": (
        "Datakansio {path} on vain sinun",
        "The data folder {path} is yours only",
    ),
    "welcome.title": ("Tervetuloa Ladderiin", "Welcome to Ladder"),
    "welcome.intro": (
        "Ladder pitää kirjaa osuuskunnan asiakkaista. Missä osuuskuntasi asiakkaat ovat?",
        "Ladder keeps your co-op's customers. Where are your co-op's customers?",
    ),
    "welcome.name": ("Nimesi (näkyy työtovereille)", "Your name (your colleagues see it)"),
    "welcome.name_needed": ("Kirjoita ensin nimesi", "Type your name first"),
    "welcome.new": ("Uusi osuuskunta tälle koneelle", "A new co-op on this computer"),
    "welcome.join": ("Liity osuuskunnan tietokantaan", "Join the co-op's database"),
    "welcome.demo": ("Kokeile esimerkillä", "Try the demo"),
    "welcome.server": (
        "Palvelin (osoite tai postgresql://…)",
        "Server (address or postgresql://…)",
    ),
    "welcome.database": ("Tietokanta", "Database"),
    "welcome.user": ("Käyttäjätunnus", "User name"),
    "welcome.password": ("Salasana", "Password"),
    "welcome.connect": ("Yhdistä", "Connect"),
    "welcome.server_needed": ("Kirjoita palvelimen osoite", "Type the server's address"),
    "welcome.trying": ("Yhdistetään…", "Connecting…"),
    "app.how_to_quit": ("Lopeta painamalla q tai ctrl+q", "Press q or ctrl+q to quit"),
    "app.demo": ("esimerkki", "demo"),
    "erase.copies": (
        "Poistettu myös päivitysten tallentamista kopioista: {count}",
        "Also erased from the copies upgrades set aside: {count}",
    ),
    "store.set_aside": (
        "Tietokanta päivitettiin; entinen kopio on tallessa: {path}",
        "The database was upgraded; the copy from before is kept at {path}",
    ),
    "error.bad_value": ("{value!r} ei kelpaa", "{value!r} is not valid"),
    "error.file": ("{path}: {reason}", "{path}: {reason}"),
    "followup.none_selected": ("Valitse ensin tehtävä.", "Select a follow-up first."),
    "event.deleted": ("Tapahtuma poistettu", "Event deleted"),
    "event.kept": ("Mitään ei poistettu.", "Nothing was deleted."),
    "event.corrected": ("Tapahtuma korjattu", "Event corrected"),
    "event.confirm_delete": (
        "Poistetaanko tapahtuma {event}? (k = kyllä)",
        "Delete event {event}? (y = yes)",
    ),
    "print.sent": (
        "Lista lähetettiin tulostimelle ({printer})",
        "The list was sent to the printer ({printer})",
    ),
    "print.saved": ("Tallennettu: {path}", "Saved to {path}"),
    "print.heading": ("Tehtävät {day}", "Follow-ups for {day}"),
    "print.no_reach": ("ei puhelinta eikä sähköpostia", "no phone or e-mail"),
    "error.database": ("Tietokantavirhe: {error}", "Database error: {error}"),
    "date.hint": ("esim. 24.12.2026, +3d, huomenna", "e.g. 24.12.2026, +3d, tomorrow"),
    "store.rederiving": (
        "Säännöt tai tietokanta ovat muuttuneet: lasketaan jokaisen asiakkaan porras "
        "uudelleen (suuressa tietokannassa tämä kestää hetken)…",
        "The rules or the database changed: working out every customer's rung again "
        "(on a large database this takes a while)…",
    ),
    "store.rederive_elsewhere": (
        "sääntöjä päivitetään toisaalla: {percent} % asiakkaista laskettu – luvut ovat "
        "osin vanhojen sääntöjen mukaan",
        "the rules are being brought in elsewhere: {percent}% of customers done – figures "
        "are partly under the old rules",
    ),
    "store.rederive_progress": ("Lasketaan portaita… {percent} %", "Working out rungs… {percent}%"),
    "date.invalid": (
        "ei ole päivämäärä – kirjoita esim. 24.12.2026, 24.12., +3d tai huomenna",
        "not a date – try 24.12.2026, 24.12., +3d or tomorrow",
    ),
    "date.no_such_day": ("sellaista päivää ei ole", "there is no such day"),
    "problem.nul": ("sisältää NUL-merkin", "contains a NUL character"),
    "problem.empty": ("ei saa olla tyhjä", "must not be empty"),
    "problem.control": ("sisältää ohjausmerkkejä", "contains control characters"),
    "problem.bidi": ("sisältää tekstin suunnan ohjausmerkkejä", "contains text-direction controls"),
    "problem.too_long": ("enintään {limit} merkkiä", "at most {limit} characters"),
    "problem.not_email": ("ei ole sähköpostiosoite", "not an e-mail address"),
    "problem.not_phone": ("ei ole puhelinnumero", "not a phone number"),
    "problem.birthday_range": (
        "pitää olla 1.1.1900 ja tämän päivän väliltä",
        "must be between 1.1.1900 and today",
    ),
    "palette.customer": ("Avaa asiakas", "Open customer"),
    "palette.placeholder": ("Hae komentoa tai asiakasta…", "Search for a command or a customer…"),
    "error.no_lp": (
        "täällä ei ole tulostusjärjestelmää (lp puuttuu); tallenna tiedostoon (--output)",
        "no printing system here (lp not found); save to a file instead (--output)",
    ),
    "error.lp_failed": ("tulostus epäonnistui (lp): {why}", "printing failed (lp): {why}"),
    "error.cannot_save_print": (
        "tulostetta ei voi tallentaa kansioon {folder}: {why}",
        "cannot save in {folder}: {why}",
    ),
    "loading": ("Ladataan…", "Loading…"),
    "demo.done": (
        "Demo-osuuskunta luotu: {count} asiakasta",
        "Demo co-op created: {count} customers",
    ),
    "demo.done.one": ("Demo-osuuskunta luotu: 1 asiakas", "Demo co-op created: 1 customer"),
    "insights.title": ("Katsaus tikapuihin", "Insights"),
    "key.insights": ("Katsaus", "Insights"),
    "key.period": ("Kausi", "Period"),
    "insights.period": ("{start}–{end}", "{start}–{end}"),
    "insights.as_of": ("tilanne {day}", "as of {day}"),
    "insights.loading": ("Lasketaan lukuja…", "Counting…"),
    "insights.ladder": ("Tikapuut kuukausittain", "The ladder month by month"),
    "insights.ladder_note": (
        "Asiakkaat kullakin portaalla kunkin kuukauden lopussa.",
        "Customers on each rung at the end of each month.",
    ),
    "insights.flow": ("Liikkeet portaalta toiselle", "Moves from rung to rung"),
    "insights.flow_note": (
        "Kauden nousut, laskut, katkot, hiipumiset ja palautukset.",
        "The period's climbs, drops, breaks, lapses and recoveries.",
    ),
    "insights.funnel": ("Suppilo", "The funnel"),
    "insights.funnel_note": (
        "Kaudella ensi kertaa {rung}ksi tulleet: kuinka moni eteni, ja kuinka nopeasti.",
        "Those who first became {rung} in the period: how many went on, and how fast.",
    ),
    "insights.kinds": ("Mikä toimii", "What works"),
    "insights.kinds_note": (
        "Kukin tapahtumalaji kaudella: montako nosti porrasta, montako katkaisi suhteen.",
        "Each kind of event in the period: how many lifted a rung, how many broke one.",
    ),
    "insights.habits": ("Tehtävien hoito", "The follow-up habit"),
    "insights.habits_note": (
        "Kaudella erääntyneet tehtävät jäsenittäin, ja kirjaukset jotka nostivat porrasta.",
        "Follow-ups due in the period, per member, and the logs that lifted a customer.",
    ),
    "insights.who": ("Enter: ketkä", "Enter: who"),
    "insights.customers_moved": (
        "{from_rung} → {to_rung}: {count}",
        "{from_rung} → {to_rung}: {count}",
    ),
    "insights.nothing": ("Ei tapahtumia kaudella.", "Nothing happened in the period."),
    "col.month": ("kuukausi", "month"),
    "col.event_kind": ("tapahtuma", "event"),
    "col.total": ("yhteensä", "total"),
    "col.from": ("mistä", "from"),
    "col.to": ("mihin", "to"),
    "col.why": ("syy", "why"),
    "col.moves": ("liikkeitä", "moves"),
    "col.customers_n": ("asiakkaita", "customers"),
    "col.step": ("porras", "step"),
    "col.reached": ("pääsi", "reached"),
    "col.share": ("osuus", "share"),
    "col.median_days": ("mediaani, pv", "median days"),
    "col.events": ("tapahtumia", "events"),
    "col.lifted": ("nosti", "lifted"),
    "col.broke": ("katkaisi", "broke"),
    "col.absorbed": ("vaimeni", "absorbed"),
    "col.recovered": ("palautui", "recovered"),
    "col.member": ("jäsen", "member"),
    "col.on_time": ("ajallaan", "on time"),
    "col.late": ("myöhässä", "late"),
    "col.snoozed": ("siirretty", "snoozed"),
    "col.dismissed": ("hylätty", "dismissed"),
    "col.open": ("auki", "open"),
    "move.promoted": ("nousu", "climb"),
    "move.demoted": ("lasku", "drop"),
    "move.broken": ("katko", "break"),
    "move.lapsed": ("hiipui", "lapse"),
    "move.recovered": ("palautus", "recovery"),
    "move.absorbed": ("vaimeni", "absorbed"),
    "report.last_year": (
        "raportti viime vuodelta {start}–{end}",
        "a report of last year, {start}–{end}",
    ),
    "report.last_twelve_months": (
        "raportti viimeiseltä 12 kuukaudelta {start}–{end} (viime vuonna ei tapahtumia)",
        "a report of the last twelve months, {start}–{end} (last year had no events)",
    ),
    "report.title": ("Osuuskunnan tikapuut {start}–{end}", "The co-op's ladder {start}–{end}"),
    "report.nobody": ("(ei nimeä)", "(no name)"),
    "reason.manual": ("oma muistutus", "own reminder"),
    "reason.break": ("suhde katkesi {day}", "relationship broke {day}"),
    "reason.at_risk": ("ei yhteyttä {days} päivään", "no contact for {days} days"),
    "reason.christmas": ("joulukortti {followup.due.year}", "Christmas card {followup.due.year}"),
    "reason.birthday": ("syntymäpäivä", "birthday"),
    "manual": ("Oma tehtävä", "Own follow-up"),
    "cards.count": (
        "{count} joulukorttia vuodelle {year} lähettämättä",
        "{count} Christmas cards for {year} still to send",
    ),
    "cards.done": (
        "{count} joulukorttia vuodelle {year} merkitty lähetetyiksi",
        "{count} Christmas cards for {year} marked sent",
    ),
    "cards.done.one": (
        "1 joulukortti vuodelle {year} merkitty lähetetyksi",
        "1 Christmas card for {year} marked sent",
    ),
    "cards.count.one": (
        "1 joulukortti vuodelle {year} lähettämättä",
        "1 Christmas card for {year} still to send",
    ),
    "import.line": ("rivi", "line"),
    "import.ask": ("Tuodaanko?", "Import them?"),
    "import.mapped": ("Sarakkeet: {items}", "Columns: {items}"),
    "import.ignored": ("Ei tuoda: {items}", "Ignored: {items}"),
    "import.rows": ("{count} riviä", "{count} rows"),
    "import.rows.one": ("1 rivi", "1 row"),
    "import.fills": ("täyttää: {fields}", "fills: {fields}"),
    "import.by_email": ("sama sähköposti", "same e-mail"),
    "import.by_phone": ("sama puhelin", "same phone"),
    "import.by_name": ("sama nimi", "same name"),
    "field.organisation": ("Yritys", "Organisation"),
    "field.first": ("Etunimi", "First name"),
    "field.middle": ("Toinen nimi", "Middle name"),
    "field.last": ("Sukunimi", "Last name"),
    "field.street": ("Katuosoite", "Street"),
    "field.postcode": ("Postinumero", "Postal code"),
    "field.city": ("Postitoimipaikka", "City"),
    "field.country": ("Maa", "Country"),
    "import.skip": ("ohitetaan", "skipped"),
    "import.merge": ("yhdistetään", "merged"),
    "import.summary": (
        "{new} uutta, {duplicates} kaksoiskappaletta, {bad} virheellistä riviä",
        "{new} new, {duplicates} duplicates, {bad} bad rows",
    ),
    "import.nothing": (
        "Mitään ei tuotu: korjaa virheelliset rivit ja yritä uudelleen.",
        "Nothing was imported: fix the bad rows and try again.",
    ),
    "import.working": ("Tuodaan…", "Importing…"),
    "import.done": (
        "{count} asiakasta tuotu, {merged} yhdistetty",
        "{count} customers imported, {merged} merged",
    ),
    "import.done.one": (
        "1 asiakas tuotu, {merged} yhdistetty",
        "1 customer imported, {merged} merged",
    ),
    "import.whole": (
        "Koko tietokanta: {customers} asiakasta, {events} tapahtumaa{dry}",
        "Whole database: {customers} customers, {events} events{dry}",
    ),
    "backup.done": ("Varmuuskopio tallennettiin: {path}", "Backup saved to {path}"),
    "restore.done": ("Palautettiin {count} asiakasta", "Restored {count} customers"),
    "restore.done.one": ("Palautettiin 1 asiakas", "Restored 1 customer"),
    "erase.confirm": (
        "Poistetaanko {name} (#{id}) ja kaikki hänen tietonsa pysyvästi? (k = kyllä)",
        "Erase {name} (#{id}) and everything about them for good? (y = yes)",
    ),
    "erase.kept": ("Mitään ei poistettu.", "Nothing was erased."),
    "merge.confirm": (
        "Yhdistetäänkö B ({gone}) asiakkaaseen A ({kept})? B:n tapahtumat, tehtävät ja tiedot "
        "siirtyvät A:lle ja B poistuu. (k = kyllä)",
        "Merge B ({gone}) into A ({kept})? B's events, follow-ups and details move to A, and "
        "B goes. (y = yes)",
    ),
    "merge.kept_apart": ("Mitään ei yhdistetty.", "Nothing was merged."),
    "merge.done": ("Yhdistetty: {gone} → {kept}", "Merged: {gone} → {kept}"),
    "merge.events": ("{count} tapahtumaa", "{count} events"),
    "merge.events.one": ("1 tapahtuma", "1 event"),
    "merge.followups": ("{count} tehtävää", "{count} follow-ups"),
    "merge.followups.one": ("1 tehtävä", "1 follow-up"),
    "error.done_needs_as": (
        "kerro, mitä tehtävälle #{id} tehtiin: {choices}",
        "say what was done for follow-up #{id}: {choices}",
    ),
    "followups.later": (
        "Myöhemmin erääntyy vielä {count}: ne näkyvät komennolla ladder followups --days {days}",
        "{count} more are due later: ladder followups --days {days} shows them",
    ),
    "error.print_only": (
        "--print lähettää vain muodot {formats}; valitse --format {formats}",
        "--print sends {formats}; choose --format {formats}",
    ),
    "error.binary_to_file": (
        "{format} menee tiedostoon: lisää --output TIEDOSTO (tai --print)",
        "a {format} goes to a file: add --output FILE (or --print)",
    ),
    "error.csv_export_folder": (
        "CSV-vienti kirjoittaa tiedoston kustakin taulusta: lisää --output KANSIO",
        "CSV export writes one file a table: add --output FOLDER",
    ),
    "error.duplicate_kept": (
        "asiakas on ehkä jo olemassa: {shown}; muuta tietoja, tai tallenna ja valitse "
        "”Lisää silti: eri henkilö”",
        "the customer may be there already: {shown}; change the details, or save and "
        "choose “Add anyway: someone else”",
    ),
    "error.needs_yes": (
        "tämä tarvitsee vahvistuksen: aja se päätteessä tai lisää --yes",
        "this needs a yes: run it in a terminal, or add --yes",
    ),
    "erase.done": ("Poistettu: {name}", "Erased: {name}"),
}
STRINGS |= HELP  # the command line's help texts, kept apart: many, and read by --help only
STRINGS |= {f"error.{key}": (finnish, TEXTS[key]) for key, finnish in ERRORS_FI.items()}


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    finnish, english = STRINGS[key]
    text = finnish if lang == "fi" else english
    return text.format(**values) if values else text


class KeyedError(Exception):
    """An error of the front ends' own, named by `key` and `values`: its sentence is
    the `error.KEY` string, English as the message (what logs and tests read) and
    in the member's language through `describe_error`; written once, there."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t(f"error.{key}", "en", **values))
        self.key = key
        self.values = values


def tn(key: str, count: int, lang: str, **values: object) -> str:
    """Like `t`, with the singular form `key.one` when `count` is 1 ("1 asiakas")."""
    chosen = f"{key}.one" if count == 1 and f"{key}.one" in STRINGS else key
    return t(chosen, lang, count=count, **values)


def number(value: float, lang: str, digits: int = 1) -> str:
    """A number as the member writes it: `4,8` in Finnish, `4.8` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fi" else text


FIELD_WORDS = {  # a checked field's name, as the problem line says it
    "name": "field.name",
    "organisation": "field.organisation",
    "kind": "field.kind",
    "on": "field.date",
    "emotional": "field.emotional",
    "email": "field.email",
    "phone": "field.phone",
    "address": "field.address",
    "birthday": "field.birthday",
    "tags": "field.tags",
    "notes": "field.notes",
    "note": "field.note",
    "member": "field.member",
    "logged_by": "field.member",
}


def alike_line(alike: Iterable[Alike], lang: str) -> str:
    """Customers already there, each with what they share: `#3 Anna Laine (040 123
    4567): sama sähköposti`."""
    return ", ".join(
        f"#{a.customer.id} {a.customer.name}"
        + (f" ({shown(a.customer.phone)})" if a.customer.phone else "")
        + f": {t('import.by_' + a.by, lang)}"
        for a in alike
    )


def moment(when: datetime, lang: str) -> str:
    """When something was done, in the member's own time: `9.12. klo 10.14`."""
    local = when.astimezone()
    day = format_date(local.date())
    if local.year == datetime.now().year:
        day = day[: -len(str(local.year))]
    return t("moment", lang, day=day, hour=local.hour, minute=local.minute)


def _said(name: str, value: object, lang: str) -> object:
    """A value an error names, as the sentence says it in `lang`."""
    if isinstance(value, BaseException):
        return describe_error(value, lang)
    if isinstance(value, datetime):
        return moment(value, lang)
    if name == "who" and not value:
        return t("who.rules", lang)
    if name == "field" and isinstance(value, str):
        return t(FIELD_WORDS[value], lang).lower() if value in FIELD_WORDS else value
    if isinstance(value, date) and name in ("today", "clock"):
        return format_date(value)
    if name in ("theirs", "mine"):
        return repr(value if not isinstance(value, date) else format_date(value))
    return value


def describe_error(error: BaseException, lang: str) -> str:
    """An error as one line in the member's language.

    Errors that name what went wrong (a key, a problem word) are said in
    `lang`; anything else falls back to its own English message.
    """
    key = getattr(error, "key", "")
    if isinstance(error, Duplicate):
        return t("error.duplicate", lang, shown=alike_line(error.alike, lang))
    if key and f"error.{key}" in STRINGS:
        given: dict[str, object] = getattr(error, "values", {})
        values = {name: _said(name, value, lang) for name, value in given.items()}
        if "table" in values:
            values["thing"] = t(f"thing.{values['table']}", lang, id=values["id"])
        return t(f"error.{key}", lang, **values)
    if isinstance(error, DateError):
        if error.day is not None and f"date.{error.problem}" in STRINGS:
            return t(f"date.{error.problem}", lang, day=format_date(error.day))
        word = "date.no_such_day" if error.no_such_day else "date.invalid"
        typed = getattr(error, "text", "")
        return f"{typed!r}: {t(word, lang)}" if typed else t(word, lang)
    if isinstance(error, ContactError) and lang == "fi" and f"problem.{error.problem}" in STRINGS:
        field = t(FIELD_WORDS[error.field], lang) if error.field in FIELD_WORDS else error.field
        problem = t(f"problem.{error.problem}", lang, limit=MAX_NAME)
        return t("error.field", lang, field=field, problem=problem)
    if isinstance(error, RulebookError):
        return f"{error.source}: " + "; ".join(rulebook_problem(p, lang) for p in error.found)
    if isinstance(error, UnknownKind):
        known = error.known_fi if lang == "fi" else error.known
        return t("error.unknown_kind", lang, kind=error.kind, known=", ".join(known))
    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        reason = error.strerror or str(error)
        return t("error.file", lang, path=error.filename or "", reason=reason).lstrip(": ")
    return str(error)


# ladder.rulebook.PROBLEMS in Finnish: what a co-op's rulebook file gets wrong.
RULEBOOK_PROBLEMS_FI = {
    "cannot_read": "ei voi lukea: {reason}",
    "not_utf8": "ei ole UTF-8-tekstiä",
    "not_a_rulebook_file": "ei ole sääntökirjatiedosto (putki, laite tai yli megatavun)",
    "not_toml": "ei ole kelvollista TOML-tekstiä: {reason}",
    "missing": "puuttuu",
    "missing_table": "taulu puuttuu",
    "unknown_key": "tuntematon avain",
    "expected_table": "pitäisi olla taulu, on {got}",
    "expected_number": "pitäisi olla luku, on {got}",
    "expected_whole": "pitäisi olla kokonaisluku, on {got}",
    "expected_text": "pitäisi olla tekstiä, on {got}",
    "expected_bool": "pitäisi olla true tai false, on {got}",
    "expected_list": "pitäisi olla lista, on {got}",
    "at_least": "pitää olla vähintään {limit}, on {got}",
    "at_most": "saa olla enintään {limit}, on {got}",
    "below_zero": "pitää olla alle 0, on {got}",
    "control": "sisältää ohjausmerkkejä: {got}",
    "unknown_rung": "tuntematon porras {got} (portaat: {known})",
    "unknown_kind": "tuntematon tapahtumalaji {got}",
    "unknown_trigger": "tuntematon tapahtumalaji tai laukaisin {got}",
    "no_kinds": "tarvitaan ainakin yksi tapahtumalaji",
    "name_taken": "nimi {got} on myös lajin {owner} nimi",
    "fragile_and_resilient": "porras ei voi olla sekä hauras että kestävä: {rungs}",
    "below_rung_beneath": "ei saa olla pienempi kuin alemman portaan",
}


# Said the one way every text is: the English as the domain writes it, beside the Finnish.
STRINGS |= {
    f"rulebook_problem.{what}": (finnish, PROBLEMS[what])
    for what, finnish in RULEBOOK_PROBLEMS_FI.items()
}


def rulebook_problem(problem: Problem, lang: str) -> str:
    """One fault of a rulebook file in `lang`; the key path stays as the file has it."""
    said = t(f"rulebook_problem.{problem.what}", lang, **dict(problem.values))
    return f"{problem.path}: {said}" if problem.path else said


def kind_name(kind: str, rules: Rulebook, lang: str) -> str:
    """A kind as the command line takes it in `lang`: its Finnish label as one word
    (`reklamaatio_hoidettu`), or its id in English."""
    found = rules.kinds.get(kind)
    if found is None or lang != "fi":
        return kind
    return "_".join(found.label_fi.split()).lower()


def kind_label(kind: str, rules: Rulebook, lang: str) -> str:
    """An event kind's label; a kind the rulebook no longer knows shows its id."""
    found = rules.kinds.get(kind)
    return found.label(lang) if found else kind


def rule_label(rule: str, rules: Rulebook, lang: str) -> str:
    found = rules.followups.get(rule)
    if found:
        return found.label(lang)
    return t("manual", lang) if rule == "manual" else rule


def followup_reason(followup, rules: Rulebook, lang: str, *, this_year: int | None = None) -> str:
    """Why a follow-up exists, in words: what made it and when.

    A list on screen gives `this_year`, and a day in it is written without its
    year, as the due column writes it (12.11.): the reason column is narrow.
    """
    trigger = followup.trigger
    if trigger == "manual":
        return followup.note or t("reason.manual", lang)
    made_on = format_date(followup.made_on)
    if followup.made_on.year == this_year:
        made_on = made_on[: -len(str(this_year))]
    key = REASON_KEYS.get(trigger)
    if key is None:  # an event of this kind made it
        return f"{kind_label(trigger, rules, lang)} {made_on}"
    # A reason's words name what they need of these ({followup.due.year}, say);
    # the follow-up is read only as far as they do.
    return t(key, lang, day=made_on, days=rules.at_risk_after_days, followup=followup)
