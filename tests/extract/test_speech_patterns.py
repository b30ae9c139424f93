"""Who said it, as news writes it: patterns first met in held-out sets, each pinned as a small case.

Multi-paragraph quotes attributed only at their end, a degree that ends a sentence before "Ia", titles in lower
case, nicknames, relative clauses, customary titles, interview pieces (Tanya/Jawab), quotes named in the next
paragraph ("Demikian disampaikan X"), a name given only in the headline, two speakers who share a surname,
follow-on detail sentences and reporting verbs after a time aside."""

from __future__ import annotations

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements


def art(text: str) -> Article:
    return Article(source="t.txt", text=text, sha256="0")


def speakers(text: str) -> list[tuple[int, str]]:
    """Return (line, speaker name or role) of every statement."""
    a = art(text)
    return [(s.start_line, s.speaker.name or s.speaker.role) for s in extract_statements(a, extract_meetings(a))]


MULTI = (
    "KPU Kabupaten Sikka menggelar rapat koordinasi logistik di Aula KPU Sikka, Maumere, Senin (11/11/2024).\n\n"
    "Rakor dibuka Ketua KPU Sikka Maria Goreti Da Silva, S.Fil. Ia memaparkan jadwal pengiriman logistik.\n\n"
    "“Kami punya 14 TPS di pulau kecil. Semuanya hanya bisa dijangkau dengan perahu motor.\n\n"
    "“Karena itu logistik pulau kami kirim lebih dulu, paling lambat 20 November,” ungkap Da Silva.\n\n"
    "Kapolres Sikka AKBP Yohanes Lado mengatakan setiap perahu logistik dikawal dua personel.\n\n"
    "Ketua KPU itu menambahkan, petugas di pulau dibekali telepon satelit. “Hasilnya harus kami terima malam itu juga,” katanya.\n"
)


def said(text: str) -> list[tuple[int, str, str]]:
    """Return (line, speaker name or role, first words) of every statement."""
    a = art(text)
    return [(s.start_line, s.speaker.name or s.speaker.role, s.text[:16]) for s in extract_statements(a, extract_meetings(a))]


INTERVIEW = (
    "Wawancara: Ketua KPU Ambon Soal Logistik\n\n"
    "AMBON - Di sela bimtek KPPS, Ketua KPU Kota Ambon Yohana Latuheru, S.Pd. menjawab pertanyaan wartawan.\n\n"
    "Berikut petikan wawancaranya.\n\n"
    "Tanya: Bagaimana kesiapan logistik di pulau-pulau?\n\n"
    "Jawab: Logistik sudah 95 persen kami terima, sisanya tiba besok pagi.\n\n"
    "Tanya: Apa kendala terbesar?\n\n"
    "Jawab: Cuaca di laut. Kami minta bantuan kapal dari Lanal Ambon.\n\n"
    "Kapolresta Ambon Kombes Pol Dedi Santoso mengatakan pengawalan kapal sudah disiapkan.\n"
)


TRAILING = (
    "Polresta Pekanbaru kerahkan 1.115 personel amankan Pilkada\n\n"
    "Pekanbaru (ANTARA) - \"Untuk 14 TPS yang kami petakan rawan, masing-masing dijaga dua personel.\"\n\n"
    "Demikian disampaikan Kapolresta Pekanbaru Kombes Pol. Raden Gilang Prakoso saat memimpin rapat koordinasi, Selasa.\n\n"
    "Ketua KPU Kota Pekanbaru Nurlela Yanti Harahap mengatakan pemilih menerima dua surat suara.\n\n"
    "\"Saya minta pengawas TPS merekam setiap kejadian khusus.\"\n\n"
    "Hal itu ditegaskan Ketua Bawaslu Kota Pekanbaru Muhammad Iqbal Rangkuti di hadapan peserta rakor.\n"
)


def test_a_quote_over_two_paragraphs_belongs_to_whoever_closes_it() -> None:
    found = speakers(MULTI)
    assert (5, "Maria Goreti Da Silva") in found  # the open paragraph, attributed only in the next one
    assert (7, "Maria Goreti Da Silva") in found
    assert (9, "Yohanes Lado") in found
    assert (11, "Maria Goreti Da Silva") in found  # "Ketua KPU itu": the article's only Ketua KPU


def test_a_quote_attributed_in_its_first_paragraph_keeps_every_paragraph() -> None:
    text = (
        "Polda NTT menggelar apel gelar pasukan di Lapangan Polda NTT, Kupang, Rabu (20/11/2024).\n\n"
        "Dalam amanatnya, Kapolda NTT Irjen Pol Daniel Tahi Silitonga mengatakan, “Tujuh hari lagi warga memilih. "
        "Tugas kita memastikan semua warga datang ke TPS tanpa takut.\n\n"
        "“Saya ingatkan, netralitas Polri harga mati. Jangan ada anggota yang berfoto dengan pasangan calon.\n\n"
        "“Jaga kesehatan dan stamina. Pengamanan berlanjut sampai rekapitulasi selesai.”\n"
    )
    assert [line for line, _ in speakers(text)] == [3, 5, 7]
    assert {name for _, name in speakers(text)} == {"Daniel Tahi Silitonga"}


def test_a_degree_before_ia_ends_the_sentence() -> None:
    text = (
        "Bawaslu Sikka menggelar FGD di Hotel Sylvia, Maumere, Senin (4/11/2024).\n\n"
        "Hal senada disampaikan Rektor Universitas Nusa Nipa, Prof. Dr. Yosef Tani, M.Si. Ia menilai kampus dapat membantu pengawasan.\n"
    )
    assert speakers(text) == [(3, "Yosef Tani")]


def test_a_title_in_lower_case_still_names_its_holder() -> None:
    text = (
        "Bawaslu Sikka menggelar FGD di Hotel Sylvia, Maumere, Senin (4/11/2024). Narasumber FGD adalah Kapolres Sikka "
        "AKBP Yohanes Lado serta akademisi Universitas Nusa Nipa Dr. Maria Bunga.\n\n"
        "“Hoaks di grup keluarga menyebar lebih cepat dari klarifikasi,” kata Maria.\n"
    )
    a = art(text)
    (statement,) = extract_statements(a, extract_meetings(a))
    assert (statement.speaker.name, statement.speaker.role) == ("Maria Bunga", "akademisi Universitas Nusa Nipa")


def test_a_nickname_with_the_same_rank_is_the_articles_only_holder_of_it() -> None:
    text = (
        "Polres Merauke menggelar apel gelar pasukan di Lapangan Apel Mapolres Merauke, Rabu (20/11/2024). Apel dipimpin "
        "Kapolres Merauke AKBP Yohanes Aloysius Ndiken, S.I.K., didampingi Dandim 1707/Merauke Letkol Inf Rudi Simbolon.\n\n"
        "“Tidak ada anggota yang boleh menunjukkan dukungan kepada pasangan calon,” kata AKBP Yan.\n"
    )
    assert speakers(text) == [(3, "Yohanes Aloysius Ndiken")]


def test_a_relative_clause_names_someone_else_not_the_speaker() -> None:
    text = (
        "KPU SBB menggelar deklarasi kampanye damai di Lapangan Merdeka Piru, Senin (21/10/2024).\n\n"
        "Wakil Ketua DPRD SBB Abdul Gani Wailissa, S.H., yang hadir mewakili Ketua DPRD SBB yang berhalangan hadir, "
        "mengingatkan para pendukung agar menjaga ikatan adat.\n"
    )
    assert speakers(text) == [(3, "Abdul Gani Wailissa")]


def test_a_customary_title_before_a_surname() -> None:
    text = (
        "Bawaslu Tebo menggelar FGD di Aula Bawaslu Tebo, Muara Tebo, Selasa (8/10/2024). Hadir Ketua Lembaga Adat "
        "Melayu Kabupaten Tebo Datuk Abdul Muthalib.\n\n"
        "“Datangi mereka di rombong,” kata Datuk Muthalib.\n"
    )
    assert speakers(text) == [(3, "Abdul Muthalib")]


def test_interview_answers_belong_to_the_interviewee_and_questions_to_nobody() -> None:
    found = said(INTERVIEW)
    assert (9, "Yohana Latuheru", "Logistik sudah 9") in found
    assert (13, "Yohana Latuheru", "Cuaca di laut. K") in found
    assert not [f for f in found if f[0] in (7, 11)]  # the journalist's questions
    assert (15, "Dedi Santoso", "pengawalan kapal") in found


def test_an_interview_announced_with_the_name_and_unlabelled_answers() -> None:
    text = (
        "Berikut petikan wawancara Warta Maluku dengan Ketua Bawaslu Kota Ambon, Markus Tuhumury, di kantornya:\n\n"
        "Bagaimana pengawasan di pulau kecil?\n\n"
        "Pengawas kami berangkat dua hari lebih awal dengan perahu motor.\n"
    )
    assert said(text) == [(5, "Markus Tuhumury", "Pengawas kami be")]


def test_a_quote_is_named_by_the_next_paragraph() -> None:
    found = said(TRAILING)
    assert (3, "Raden Gilang Prakoso", "Untuk 14 TPS yan") in found  # a lede quote after the dateline
    assert (9, "Muhammad Iqbal Rangkuti", "Saya minta penga") in found  # not the KPU chair who spoke before


def test_a_name_only_the_headline_gives() -> None:
    text = (
        "Pj Bupati Siak Hendri Marzuki Pimpin Rakor Forkopimda\n\n"
        "SIAK - Penjabat (Pj) Bupati Siak memimpin rapat koordinasi di Ruang Rapat Kantor Bupati Siak, Kamis (14/11/2024).\n\n"
        "\"Anggaran sudah cair seratus persen,\" kata Pj Bupati.\n"
    )
    assert said(text)[-1][1] == "Hendri Marzuki"


def test_a_headline_person_does_not_override_a_body_name() -> None:
    text = (
        "Kapolda Sumsel Turun Langsung ke Kayuagung\n\n"
        "KAYUAGUNG - Kapolda Sumatera Selatan Irjen Pol. Heru Prasetyo Wibowo menghadiri rapat koordinasi, Jumat (9/8/2024).\n\n"
        "Di akhir rapat, Kapolda kembali menekankan netralitas anggota Polri.\n"
    )
    assert said(text)[-1][1] == "Heru Prasetyo Wibowo"


def test_a_shared_surname_is_the_person_just_named() -> None:
    text = (
        "Penjabat (Pj) Bupati Maluku Tengah, Drs. Yohanis Latumahina, M.Si., dalam arahannya menyoroti cuaca di Banda.\n\n"
        "\"Saya minta logistik untuk Banda diberangkatkan paling lambat H-5,\" kata Latumahina.\n\n"
        "Ketua KPU Maluku Tengah, Maria Latumahina, S.Sos., melaporkan bahwa sortir surat suara telah selesai. "
        "\"Surat suara cadangan sudah kami hitung ulang,\" tutur Latumahina.\n\n"
        "Latumahina menambahkan, KPU meminta dukungan kapal milik Pemkab.\n"
    )
    names = [name for _, name, _ in said(text)]
    assert names == ["Yohanis Latumahina"] * 2 + ["Maria Latumahina"] * 3


def test_a_follow_on_detail_sentence_stays_with_the_reported_statement() -> None:
    text = (
        "Dalam arahannya, Pj Bupati Siak Hendri Marzuki menyampaikan bahwa dana hibah Pilkada telah disalurkan. "
        "KPU Kabupaten Siak menerima Rp31,4 miliar, sedangkan Bawaslu Rp11,8 miliar. "
        "Rakor itu dihadiri Kapolres Siak.\n"
    )
    a = art(text)
    (statement,) = extract_statements(a, extract_meetings(a))
    assert statement.text.endswith("Bawaslu Rp11,8 miliar")  # the next, narrative sentence is not his


def test_several_follow_on_sentences_stay_with_the_reported_statement() -> None:
    text = (
        "Ketua KPU Dogiyai, Elias Petege, menjelaskan penggunaan aplikasi Silonkada untuk pendaftaran bakal calon. "
        "Bakal calon yang belum mendaftar melalui aplikasi akan diarahkan untuk mengisinya. "
        "Sebaliknya, jika tidak menyerahkan berkas hard copy, pendaftaran akan dianggap tidak sah. "
        "Rakor itu dihadiri Kapolres Dogiyai.\n"
    )
    a = art(text)
    (statement,) = extract_statements(a, extract_meetings(a))
    assert statement.text.endswith("dianggap tidak sah")  # two detail sentences are his; the narration after is not


def test_jawab_after_a_quote_is_a_speech_verb() -> None:
    text = "\"Kami akan dirikan pos penyekatan di perbatasan,\" jawab Kapolres Kolaka Timur AKBP Bayu Aditya Mokoginta.\n"
    assert said(text)[0][1] == "Bayu Aditya Mokoginta"


def test_an_institution_with_untuk_does_not_cut_the_speaker_off() -> None:
    text = (
        "Sementara itu, Koordinator Jaringan Pendidikan Pemilih untuk Rakyat (JPPR) HST Gusti Rahmadi "
        "menilai politik uang kini dibungkus sembako.\n"
    )
    assert said(text) == [(1, "Gusti Rahmadi", "politik uang kin")]


def test_a_reporting_verb_after_a_time_aside() -> None:
    text = (
        "Sekretaris Daerah Manggarai Yohanes Don Bosco Lalong dalam rakor Desk Pilkada di Ruteng, kemarin, "
        "merinci KPU Manggarai menerima Rp27,5 miliar dan Bawaslu Rp7,9 miliar.\n"
    )
    assert said(text) == [(1, "Yohanes Don Bosco Lalong", "KPU Manggarai me")]


def test_an_event_word_before_a_short_name_is_not_a_role() -> None:
    text = (
        "Kepala Badan Kesbangpol Malut Abdul Gani Sangadji membuka FGD kerawanan di Ternate, Selasa (8/10/2024).\n\n"
        "Di akhir FGD, Abdul Gani memastikan rekomendasi akan diserahkan dalam rapat Forkopimda pekan depan.\n"
    )
    a = art(text)
    last = extract_statements(a, extract_meetings(a))[-1]
    assert (last.speaker.name, last.speaker.role) == ("Abdul Gani Sangadji", "Kepala Badan Kesbangpol Malut")
