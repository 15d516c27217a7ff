"""Data of the five demo associations' flows (issue 18), read by models/res_company_demo.py.

Each association has six applicants, one per step the demo shows: ``served`` (approved by
the committee, served, survey answered), ``rejected`` (a criterion not met, rejected by the
committee, appealed), ``research``, ``verification``, ``online`` (applied on the website,
submitted) and ``counter`` (at the counter, still a draft). Ages are given in years so that
the criteria hold whatever the day of the install.
"""

# Roles of the association's demo users, by xml id (Banan keeps the original demo users).
BANAN_USERS = {
    "manager": "user_manager_demo",
    "officer": "user_officer_demo",
    "researcher": "user_researcher_demo",
    "committee": "user_committee_demo",
}

STEPS = ("served", "rejected", "research", "verification", "online", "counter")

ASSOCIATIONS = {
    "banan": {
        "number": 3,
        "company": "base.main_company",
        "service": "service_banan_crafts_demo",
        "committee": "committee_banan_demo",
        "city": "الرياض",
        "district": "حي الملز",
        "street": "شارع الأمير سلمان بن عبدالعزيز",
        "zip": "12836",
        "short": "RMLZ",
        "people": [
            ("ماجد", "سالم", "علي", "القرني", "male", 24, 0),
            ("عبير", "حمد", "ناصر", "السبيعي", "female", 52, 0),
            ("فيصل", "عبدالله", "محمد", "الشمري", "male", 30, 0),
            ("هند", "سعد", "فهد", "العتيبي", "female", 27, 0),
            ("تركي", "ناصر", "سعود", "المطيري", "male", 19, 0),
            ("نوال", "علي", "حسن", "الزهراني", "female", 33, 0),
        ],
        "rejected_reason": "تجاوزت المتقدمة الحد الأعلى لسن البرنامج (45 سنة)؛ ننصحها ببرنامج التوظيف الموائم.",
        "research": "زيارة منزلية: إعاقة حركية في الطرف السفلي، ويرغب في تعلم النجارة الخفيفة؛ الأسرة داعمة ومقر التدريب قريب.",
        "complaint": (
            "تأخر الرد على طلب التدريب الحرفي",
            "راجعت الجمعية مرتين ولم أعرف موعد قرار اللجنة.",
        ),
        "inquiry": (
            "استفسار عن مواعيد التدريب الحرفي",
            "يسأل عن أيام التدريب وهل توفر الجمعية المواصلات.",
        ),
    },
    "meras": {
        "number": 4,
        "company": "company_meras_demo",
        "service": "service_meras_treatment_demo",
        "committee": "committee_meras_demo",
        "city": "أبها",
        "district": "حي المنسك",
        "street": "طريق الملك فيصل",
        "zip": "62521",
        "short": "AMNS",
        "people": [
            ("سعيد", "محمد", "علي", "عسيري", "male", 58, 0),
            ("فاطمة", "عبدالله", "سعيد", "الشهري", "female", 44, 9000),
            ("محمد", "أحمد", "يحيى", "القحطاني", "male", 62, 0),
            ("مريم", "علي", "محمد", "الأسمري", "female", 39, 0),
            ("عبدالله", "سعد", "جابر", "آل مفرح", "male", 47, 0),
            ("نورة", "حسن", "عبدالله", "الألمعي", "female", 51, 0),
        ],
        "rejected_reason": "يتجاوز دخل الأسرة للفرد الحد المعتمد للخدمة (1500 ريال)؛ أحيلت للتثقيف الصحي.",
        "research": "زيارة منزلية: مريض سكري مع قصور كلوي، والأدوية الشهرية غير مغطاة بالتأمين؛ دخل الأسرة من الضمان الاجتماعي.",
        "complaint": (
            "صعوبة الوصول إلى مقر الجمعية",
            "المقر في الدور الثاني ولا يوجد مصعد لكبار السن.",
        ),
        "inquiry": (
            "استفسار عن دعم الأدوية",
            "تسأل هل تشمل الخدمة أدوية الضغط وما التقرير الطبي المقبول.",
        ),
    },
    "tuwaiq": {
        "number": 5,
        "company": "company_tuwaiq_demo",
        "service": "service_tuwaiq_employment_demo",
        "committee": "committee_tuwaiq_demo",
        "city": "الدمام",
        "district": "حي الشاطئ",
        "street": "طريق الخليج",
        "zip": "32413",
        "short": "DSHT",
        "people": [
            ("عبدالعزيز", "خالد", "أحمد", "الدوسري", "male", 24, 0),
            ("سلطان", "فهد", "سعد", "الهاجري", "male", 38, 0),
            ("ريم", "ناصر", "محمد", "العبيد", "female", 22, 0),
            ("يوسف", "علي", "حمد", "البوعينين", "male", 27, 0),
            ("شهد", "سعود", "عبدالله", "الخالدي", "female", 23, 0),
            ("حمد", "راشد", "سالم", "المري", "male", 29, 0),
        ],
        "rejected_reason": "تجاوز المتقدم الحد الأعلى لسن البرنامج (35 سنة)؛ أُبلغ بالسبب ووُجّه لبرامج التطوير المهني.",
        "research": "مقابلة: خريج دبلوم تقنية معلومات يبحث عن عمل منذ سنة، ملتزم ولديه رغبة في مسار الدعم الفني.",
        "complaint": ("عدم وضوح رابط التقديم", "رابط التقديم في الموقع لا يعمل من الجوال."),
        "inquiry": (
            "استفسار عن شروط برنامج التوظيف",
            "يسأل عن الحد الأعلى للسن والمؤهلات المقبولة.",
        ),
    },
    "aoun": {
        "number": 6,
        "company": "company_aoun_demo",
        "service": "service_aoun_recovery_demo",
        "committee": "committee_aoun_demo",
        "city": "أبها",
        "district": "حي ذهر",
        "street": "شارع الأمير سلطان",
        "zip": "62521",
        "short": "ADHR",
        "people": [
            ("عبدالرحمن", "محمد", "سعيد", "الشهراني", "male", 29, 0),
            ("علي", "حسن", "عبدالله", "العمري", "male", 64, 0),
            ("خالد", "سعيد", "محمد", "القحطاني", "male", 34, 0),
            ("فهد", "عبدالله", "علي", "الغامدي", "male", 26, 0),
            ("ناصر", "يحيى", "أحمد", "عسيري", "male", 31, 0),
            ("سامي", "محمد", "ناصر", "الشهري", "male", 41, 0),
        ],
        "rejected_reason": "يتجاوز المتقدم سن البرنامج (60 سنة)؛ أحيل إلى برنامج الرعاية الصحية المختص مع الحفاظ على سرية ملفه.",
        "research": "مقابلة سرية: أتم مرحلة العلاج قبل ستة أشهر، ملتزم بجلسات الإرشاد، والأسرة متعاونة؛ يوصى بالتأهيل المهني.",
        "complaint": (
            "خصوصية مكان الانتظار",
            "أرجو أن يكون الاستقبال في مكان لا يراه فيه المراجعون الآخرون.",
        ),
        "inquiry": (
            "استفسار عن برنامج الرعاية اللاحقة",
            "يسأل عن سرية البيانات وهل يبلغ جهة عمله.",
        ),
    },
    "manarat": {
        "number": 7,
        "company": "company_manarat_demo",
        "service": "service_manarat_family_aid_demo",
        "committee": "committee_manarat_demo",
        "city": "جدة",
        "district": "حي الحمراء",
        "street": "شارع فلسطين",
        "zip": "23323",
        "short": "JHMR",
        "people": [
            ("أمل", "سالم", "عوض", "الحربي", "female", 46, 800),
            ("مساعد", "عبدالله", "سالم", "الجهني", "male", 50, 5000),
            ("حصة", "محمد", "علي", "المالكي", "female", 38, 600),
            ("عوض", "سعد", "ناصر", "الثقفي", "male", 55, 900),
            ("منى", "علي", "سالم", "الزهراني", "female", 42, 700),
            ("سعد", "حمد", "عبدالله", "العمري", "male", 60, 1000),
        ],
        "rejected_reason": "يتجاوز دخل الأسرة للفرد الحد المعتمد للمساعدات (1200 ريال).",
        "research": "زيارة منزلية: أرملة تعول أربعة أبناء، ودخلها من الضمان الاجتماعي فقط، والمسكن مستأجر.",
        "complaint": ("تأخر صرف السلة الغذائية", "لم تصل السلة الغذائية لهذا الشهر حتى الآن."),
        "inquiry": ("استفسار عن المساعدات الشهرية", "تسأل عن مستندات الضمان الاجتماعي المطلوبة."),
    },
}

# Personal data (issue 16): each association's data protection officer (name, email,
# phone), shown on its privacy notice, and a data-subject request its officer handles
# (right exercised, the request, the step it is left at: received, verified, in_progress).
PRIVACY = {
    "banan": {
        "dpo": ("أ. سارة بنت محمد الدوسري", "dpo@banan.example.org", "+966 11 470 0001"),
        "data_request": ("copy", "أطلب نسخة من بياناتي المسجلة لدى الجمعية.", "in_progress"),
    },
    "meras": {
        "dpo": ("أ. عبدالله بن سعيد الشهري", "dpo@meras.example.org", "+966 17 220 0001"),
        "data_request": ("correction", "رقم جوالي المسجل قديم، وأطلب تصحيحه.", "verified"),
    },
    "tuwaiq": {
        "dpo": ("أ. نوف بنت خالد العبيد", "dpo@tuwaiq.example.org", "+966 13 800 0001"),
        "data_request": (
            "access",
            "أرغب في معرفة البيانات التي تحتفظ بها الجمعية عني.",
            "received",
        ),
    },
    "aoun": {
        "dpo": ("أ. ماجد بن علي العمري", "dpo@aoun.example.org", "+966 17 230 0001"),
        "data_request": (
            "objection",
            "أعترض على استخدام بياناتي في الإحصاءات المرسلة إلى الجهات الخارجية.",
            "in_progress",
        ),
    },
    "manarat": {
        "dpo": ("أ. هالة بنت سالم الحربي", "dpo@manarat.example.org", "+966 12 660 0001"),
        "data_request": ("access", "أطلب الاطلاع على بيانات أسرتي المسجلة.", "verified"),
    },
}
# Aoun's beneficiaries are in addiction recovery: its messages name neither the
# association nor the service (P33).
DISCREET = {"aoun": "خدمة المواعيد"}

# The ``online`` applicant of each association applies from the portal (issue 18): the
# manager gives their contact a portal account on this e-mail (the login), and they send
# the application page's form with this description.
ONLINE = {
    "banan": (
        "banan.online@example.com",
        "أرغب في الالتحاق ببرنامج التدريب الحرفي؛ لدي إعاقة حركية في اليد اليسرى، وأحتاج "
        "إلى معرفة مواعيد التدريب والمواصلات.",
    ),
    "meras": (
        "meras.online@example.com",
        "أحتاج إلى المساعدة في تكاليف أدوية السكري والضغط غير المغطاة بالتأمين، وأرفقت "
        "التقرير الطبي الحديث.",
    ),
    "tuwaiq": (
        "tuwaiq.online@example.com",
        "خريجة دبلوم إدارة مكتبية أبحث عن عمل منذ سنة، وأرغب في الالتحاق بالتدريب المنتهي "
        "بالتوظيف.",
    ),
    "aoun": (
        "aoun.online@example.com",
        "أتممت برنامج العلاج، وأرغب في الانضمام إلى برنامج الرعاية اللاحقة والتأهيل المهني "
        "مع الحفاظ على سرية بياناتي.",
    ),
    "manarat": (
        "manarat.online@example.com",
        "أعول أسرتي المكونة من خمسة أفراد، ودخلنا من الضمان الاجتماعي فقط، وأطلب المساعدة الشهرية.",
    ),
}

# Password = login for the demo users of Meras, Tuwaiq, Aoun and Manarat, hashed once with
# Odoo's own scheme (pbkdf2-sha512, 600,000 rounds): hashing sixteen passwords at install
# time costs about twenty seconds of every test run. These passwords are public (README).
DEMO_PASSWORD_HASHES = {
    "meras.manager": "$pbkdf2-sha512$600000$r/W.15rzHsN47907x1grJQ$u62uel2LD/ituMkeeVHD9TYWhfu3kau.LZ0YLSzHky7404CsEq7eAtTG7VOcDt6Aj6K2mKhD9bQn4E4/D4/khQ",
    "meras.officer": "$pbkdf2-sha512$600000$YexdC0HImXPuHUMIwVirVQ$cD/pPBuDqp79rVlgJ9K05gbewSU.4DxHDUU6iYvw2uhq4WCAD/xPh4pEG1niSn2d6Bbx7PxoYo8CWhmbmAF/ow",
    "meras.researcher": "$pbkdf2-sha512$600000$fm9NiTHm3PufkzLGuHdOaQ$w4kCkEjrAUcbrbZK06FbPWk11NTITU9PpphHx.z8pFASixZpjZaVMEdf6u5HLLuCG855efbNDGLZTgRMn4Lkjw",
    "meras.committee": "$pbkdf2-sha512$600000$LAVgTEkpxbiX8l7rHaO0lg$Lq6ltFzPtvwtoRVtxMQ5qKqwVubyS9NkbYeViMTZL6fOAk/hLSyLOeAZ0f8CcN8dQBdqA36O.x8U3p0hwAwF8A",
    "tuwaiq.manager": "$pbkdf2-sha512$600000$EmJs7T2HsFYKoTSGUAohhA$Sb2cJzQTz6Ziy7owuT6ZV1OewJP81E9RvlTRTFcfbB83X3UJWfhjcfJdeUifpHQIvGUkmTmD/pgXqdsNgb2.LA",
    "tuwaiq.officer": "$pbkdf2-sha512$600000$AIDQWivlXOt9r/V.7z0nBA$h8H2ABIzSNIZ/ecWkRvs5xTSyJuQM20MGkwH4Lhb6BwZgacQqA49lneeiK2D0/dgCRszMiu6ojhW.rHKhJG7yg",
    "tuwaiq.researcher": "$pbkdf2-sha512$600000$JiREqDWG0Po/ByCklDLGGA$VDgSOTGSCkzXadJcrhbJOXA06Z1iYVmSkELtLuU.WvAc2baSLMDxeVwzhZ.ND2PSHj9OfNzahdndRvSUn85KYQ",
    "tuwaiq.committee": "$pbkdf2-sha512$600000$4DznPKdUqhWCEGLsnXPOWQ$lsiVa9Z9bwe17gDIsHPEW9Dea9hMFl0IHXNyQYr/vTpPQyE01E0A6/YMNMEDYJulojnyD.8AHe7/wKIuSJa3Ug",
    "aoun.manager": "$pbkdf2-sha512$600000$1/ofg9B6T0kpBeDc27u3Vg$1iObkrG3QnN5rHcWfN6OI2UylwOMHiM8kku77q/53gjrn82Z0vtMGLhD29m8zs6GLLsySIEx7jmtz0pjE1uVvg",
    "aoun.officer": "$pbkdf2-sha512$600000$BQCAMIZQirGWUqo1RujdWw$lLu9aBiD0f4nP1HH2rTed5g3JArRMTBVM2Qf7AaQkm3ZoIbWIfSbNRrr/PFTm0XbIE5/auB5AjZITWEFYwcXeQ",
    "aoun.researcher": "$pbkdf2-sha512$600000$GePcO6cUIiQkJIRQ6p2z9g$YDD3u69kGpNvie9VOMfc4wImcekGFL//7za.UZ0W7V72r1SfG7jbFCdNj2IhJy4y2cyS2B97Desbmx4LpHIPlw",
    "aoun.committee": "$pbkdf2-sha512$600000$O4fwfi8FwNg7p9T633vPOQ$exMirJwrzLXoIluMc64mcMF4n91zm7ThQU8.6QJvRhmrJhfUsMTAeqpynRyOEQrxX6uOJr.92riXo/4hZDUTXA",
    "manarat.manager": "$pbkdf2-sha512$600000$5xxjbC1lDCHEmBMiBMD4Hw$gQk/piDNXj3i4eLofo1IYIcG7f.xA/o2v5G.fz/iJ7beJk1G.PGnedVuGImt4wjN8kVB0ETrse03Ll/vQrj0.g",
    "manarat.officer": "$pbkdf2-sha512$600000$bm0N4fwfw9gbQ6i1FuI8Bw$VdA.R4AnQxt33PZfCQTr4aSOTeYOuFAIWf1qkfTyod/EgnKrFNZ1oEK8JQuwyT/3lk1ABD1oL1qGLwg2l69xUA",
    "manarat.researcher": "$pbkdf2-sha512$600000$LuVcCwGg9L5Xytmb854zRg$WIlJ9pEpMVYs1x19yRpAw39U5h9T9phsNlfj.JYb61MLlj8okvyO2l6Oaeq6FJEscVpT5jOClpcH3l6hCHertA",
    "manarat.committee": "$pbkdf2-sha512$600000$4bw3JuT8v3fuPed8733vHQ$P5ZVfh/1AXNAXEH4abwqNLYoCO1ARh1SS94rl06LivlW2pUQbjG/O5V4lJ5c.cjGD.5WrqoSdLbjdkw/rjLiKg",
    # The online applicants' portal accounts (ONLINE).
    "banan.online@example.com": "$pbkdf2-sha512$600000$q7V2rrV2LmXM2RsDoHROSQ$p271LOW2tRLDsLYAMehHlt2pawNzA1.CbCRQqomXH3TyAafnTNXuuDe0Ku/2WvYONXkec5K.GL431doHc4k1gg",
    "meras.online@example.com": "$pbkdf2-sha512$600000$ICSkFEJozRkDQMhZyxnjXA$F.OWt/oVVAJVv2KcbOhU4doeEkQ8/B5A1TV/2rT6gawTCPeDrXVpQ2gy1xRzCov2QuzbskbLJtK0OFrksqHWdQ",
    "tuwaiq.online@example.com": "$pbkdf2-sha512$600000$yHlvjfF.jxFiTCnFGKO0dg$KTNwWSXWQa96D6/qv.Vn9YF.TS.yz.15JDZweN0z4s0KmSEyqWb5ZNYV7O7Hxc0QJb36V7/83nxbfw79D/dWZQ",
    "aoun.online@example.com": "$pbkdf2-sha512$600000$tdaa814LoTTmPMeYMyZkbA$8EoF.vXZs8YxzX65ns7IZK8Cp87MNjLyMmQXaQGFTpQJMeGleWPDN7HAMSFHXFtXCg2nMS7CDu3Zv9bELGD/EQ",
    "manarat.online@example.com": "$pbkdf2-sha512$600000$3FtrjdFaS6n1/l/rfa.VMg$u56AbhGXs4c..6/u5aKfgD4vxhBzCWBBo4aB3mVTEyuRurjSBOfUk4x0WGDLlPuPPdx0Pw4SuF7e1e1/DJFxRQ",
}
