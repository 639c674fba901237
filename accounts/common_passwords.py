"""Words Indonesian users often build passwords from.

Django's CommonPasswordValidator knows the world's most common passwords, mostly English;
these are the local ones, seen in leaked Indonesian password lists and in how village offices
name their accounts. A password made only of these words (plus digits or symbols) is refused
by ``accounts.validators.IndonesianPasswordValidator``. Lower case, letters only.

Keep to words people actually use as passwords: an ordinary word here would refuse honest
passphrases built from it.
"""

COMMON_WORDS = frozenset(
    {
        # religion and greetings
        "bismillah",
        "bismilah",
        "alhamdulillah",
        "alhamdulilah",
        "subhanallah",
        "astaghfirullah",
        "insyaallah",
        "insya",
        "allah",
        "allahuakbar",
        "assalamualaikum",
        "amin",
        "aamiin",
        "berkah",
        "barokah",
        "selamat",
        "datang",
        # country and pride
        "indonesia",
        "indo",
        "merdeka",
        "garuda",
        "pancasila",
        "nusantara",
        "bhinneka",
        "jakarta",
        "surabaya",
        "bandung",
        "jawa",
        "jatim",
        "jateng",
        "jabar",
        # affection
        "sayang",
        "cinta",
        "kasih",
        "rindu",
        "aku",
        "kamu",
        "dia",
        "kita",
        "ku",
        "mu",
        "nya",
        "selamanya",
        "ganteng",
        "cantik",
        "manis",
        # family
        "mama",
        "papa",
        "ayah",
        "ibu",
        "bunda",
        "anak",
        "keluarga",
        # the word "password" and its Indonesian forms
        "password",
        "passwd",
        "pass",
        "sandi",
        "katasandi",
        "kata",
        "rahasia",
        "kunci",
        "masuk",
        "login",
        "admin",
        "administrator",
        "operator",
        "user",
        "pengguna",
        "coba",
        "tes",
        "test",
        "baru",
        # the office itself
        "desa",
        "kelurahan",
        "kecamatan",
        "kabupaten",
        "pemdes",
        "pemkab",
        "pemerintah",
        "kantor",
        "kades",
        "lurah",
        "sekdes",
        "perangkat",
        "warga",
        "bumdes",
        "karang",
        "taruna",
        "pkk",
        "posyandu",
        "kominfo",
        "diskominfo",
        "website",
        "web",
        "situs",
        # encouragement
        "semangat",
        "sukses",
        "jaya",
        "maju",
        "mantap",
        "juara",
        # football clubs and fans
        "persebaya",
        "bonek",
        "persib",
        "viking",
        "persija",
        "jakmania",
        "arema",
        "aremania",
        "persela",
        # keyboard and alphabet runs
        "qwerty",
        "qwertyuiop",
        "asdf",
        "asdfgh",
        "asdfghjkl",
        "zxcvbnm",
        "abc",
        "abcd",
        "abcdef",
        "abcdefgh",
    }
)

# Parts of region names that name no place ("Kabupaten Tuban" is about "Tuban").
GENERIC_REGION_WORDS = frozenset(
    {"kabupaten", "kota", "kecamatan", "desa", "kelurahan", "adm", "administrasi", "provinsi"}
)
