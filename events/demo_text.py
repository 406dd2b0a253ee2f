"""Longer texts of the demo forum, drawn from the seed bulletin, in Thai and English.

Each tuple item is one paragraph.
"""

FORUM_DESCRIPTION_TH = (
    (
        "กรุงเทพมหานคร ร่วมกับองค์การเมืองและรัฐบาลท้องถิ่นแห่งเอเชียแปซิฟิค (UCLG ASPAC) "
        "และคณะกรรมาธิการเศรษฐกิจและสังคมแห่งสหประชาชาติสำหรับเอเชียและแปซิฟิก (UNESCAP) "
        "ร่วมเป็นเจ้าภาพจัดการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 (5th ASEAN Mayors Forum : AMF) "
        "ณ ศูนย์ประชุมแห่งสหประชาชาติ เขตพระนคร กรุงเทพฯ"
    ),
    (
        "ผู้ว่าราชการ นายกเทศมนตรี และผู้นำรัฐบาลท้องถิ่นจากประเทศสมาชิกอาเซียนทั้ง 10 ประเทศ "
        "ร่วมกันถ่ายทอดวิสัยทัศน์ และแลกเปลี่ยนประสบการณ์เพื่อนำไปประยุกต์ใช้ในการพัฒนาเมือง"
        "ภูมิภาคอาเซียนอย่างยั่งยืน"
    ),
)
FORUM_DESCRIPTION_EN = (
    (
        "The Bangkok Metropolitan Administration, together with United Cities and Local "
        "Governments Asia-Pacific (UCLG ASPAC) and the United Nations Economic and Social "
        "Commission for Asia and the Pacific (UNESCAP), co-hosted the 5th ASEAN Mayors Forum (AMF) "
        "at the United Nations Conference Centre, Phra Nakhon District, Bangkok."
    ),
    (
        "Governors, mayors and local government leaders from all ten ASEAN member states shared "
        "their visions and exchanged experience to apply in the sustainable development of cities "
        "in the ASEAN region."
    ),
)

WELCOME_DESCRIPTION_TH = (
    (
        "ผู้ว่าราชการกรุงเทพมหานคร เลขาธิการองค์การ UCLG ASPAC เลขาธิการบริหาร ESCAP "
        "และเอกอัครราชทูตสหภาพยุโรปประจำประเทศไทย ในฐานะเจ้าภาพการประชุมฯ "
        "ร่วมกล่าวต้อนรับผู้เข้าร่วมการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5"
    ),
    (
        "ผู้ว่าราชการกรุงเทพมหานครได้กล่าวถึงความเป็นมาและวัตถุประสงค์หลักของการประชุมนี้ "
        "ในการเป็นเวทีแลกเปลี่ยนเรียนรู้ข้อคิดเห็นและประสบการณ์ด้านการพัฒนาเมืองอย่างยั่งยืน"
        "อันสอดคล้องกับเป้าหมายการพัฒนาอย่างยั่งยืนขององค์การสหประชาชาติ อันเป็นวาระของโลก "
        "โดยเน้นถึงการพัฒนาคุณภาพชีวิตของประชาชนเป็นเป้าหมายสำคัญ"
    ),
    (
        "ดร. เบอร์นาเดีย อิราวาตี จันดราเดวี เลขาธิการองค์การ UCLG ASPAC "
        "ได้เน้นย้ำถึงความสำคัญของความร่วมมือในระดับภูมิภาค "
        "ซึ่งจะช่วยเสริมสร้างความแข็งแกร่งในการดำเนินภารกิจเพื่อสร้างเมืองให้มีความพร้อมรับมือ"
        "ต่อการเปลี่ยนแปลงต่าง ๆ โดยเฉพาะการเปลี่ยนแปลงด้านสภาวะอากาศ"
    ),
)
WELCOME_DESCRIPTION_EN = (
    (
        "The Governor of Bangkok, the Secretary General of UCLG ASPAC, the Executive Secretary "
        "of ESCAP and the Ambassador of the European Union to Thailand, as hosts of the Forum, "
        "jointly welcomed the participants of the 5th ASEAN Mayors Forum."
    ),
    (
        "The Governor of Bangkok spoke of the background and main purpose of the Forum as a "
        "platform for exchanging views and learning from one another's experience in sustainable "
        "urban development, in line with the United Nations Sustainable Development Goals, the "
        "global agenda, and stressed that improving people's quality of life is a key goal."
    ),
    (
        "Dr. Bernadia Irawati Tjandradewi, Secretary General of UCLG ASPAC, emphasised the "
        "importance of regional cooperation, which will strengthen the work of making cities ready "
        "to cope with change, especially climate change."
    ),
)

OPENING_DESCRIPTION_TH = (
    (
        "พลเอก อนุพงษ์ เผ่าจินดา รัฐมนตรีว่าการกระทรวงมหาดไทย "
        "ได้กล่าวเปิดการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 "
        "โดยกล่าวถึงความสำคัญของการขับเคลื่อนการพัฒนาอย่างยั่งยืนตามกรอบสหประชาชาติ "
        "เพื่อเสริมสร้างความเป็นปึกแผ่นของอาเซียน ทั้งในด้านการเมือง เศรษฐกิจ สังคม และวัฒนธรรม "
        "ตลอดจนผลักดันให้เกิดความร่วมมือที่เป็นรูปธรรมระหว่างประเทศสมาชิกอาเซียน "
        "เพื่อรักษาความเป็นเอกภาพและผลประโยชน์ร่วมกัน พร้อมทั้งส่งเสริมความร่วมมือของอาเซียน "
        "ในการสร้างประชาคมอาเซียนที่มีประชาชนเป็นศูนย์กลาง โดยไม่ทิ้งใครไว้ข้างหลัง"
    ),
)
OPENING_DESCRIPTION_EN = (
    (
        "General Anupong Paochinda, Minister of Interior, opened the 5th ASEAN Mayors Forum. He "
        "spoke of the importance of driving sustainable development under the United Nations "
        "framework to strengthen ASEAN's cohesion in politics, the economy, society and culture; "
        "of bringing about concrete cooperation among ASEAN member states to preserve their unity "
        "and common interests; and of promoting ASEAN cooperation in building a people-centred "
        "ASEAN Community that leaves no one behind."
    ),
)

JOINT_STATEMENT_SUMMARY_TH = (
    (
        "ผู้นำเมืองและรัฐบาลท้องถิ่นจากประเทศสมาชิกอาเซียนออกแถลงการณ์ร่วมกัน "
        "โดยนำผลการประชุมและข้อเสนอแนะที่ได้จากการประชุมไปใช้เป็นกรอบการทำงานระดับอื่นต่อไป "
        "รวมถึงการประชุม Asia-Pacific Urban Forum ครั้งที่ 7"
    ),
)
JOINT_STATEMENT_SUMMARY_EN = (
    (
        "Issued jointly by the leaders of cities and local governments from the ASEAN member "
        "states. The results and recommendations of the Forum are taken forward as a framework for "
        "work at other levels, including the 7th Asia-Pacific Urban Forum."
    ),
)

APUF_DESCRIPTION_TH = (
    (
        "ผลการประชุมและข้อเสนอแนะที่ได้จากการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 "
        "นำไปใช้เป็นกรอบการทำงานในการประชุมนี้"
    ),
)
APUF_DESCRIPTION_EN = (
    (
        "The results and recommendations of the 5th ASEAN Mayors Forum are taken forward to this "
        "forum."
    ),
)

ASCN_DESCRIPTION_TH = (
    ("เครือข่ายความร่วมมือของเมืองในอาเซียนเพื่อการพัฒนาเมืองอัจฉริยะและยั่งยืน จัดตั้งขึ้นในปี พ.ศ. 2561"),
)
ASCN_DESCRIPTION_EN = (
    (
        "A collaborative platform of ASEAN cities working towards smart and sustainable urban "
        "development, established in 2018."
    ),
)

SDG_DESCRIPTION_TH = (
    ("เป้าหมาย 17 ประการของวาระการพัฒนาที่ยั่งยืน ค.ศ. 2030 ซึ่งสมัชชาใหญ่แห่งสหประชาชาติรับรองเมื่อปี พ.ศ. 2558"),
)
SDG_DESCRIPTION_EN = (
    (
        "The 17 goals of the 2030 Agenda for Sustainable Development, adopted by the United "
        "Nations General Assembly in 2015."
    ),
)
