"""The text of the demo bulletin: the seed's Thai, word for word, and its English translation.

The Thai is the published bulletin of the 5th ASEAN Mayors Forum 2019 with the web page's
justification spaces collapsed; each tuple item is one paragraph.
"""

TITLE_TH = (
    "สรุปเนื้อหาการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 ประจำปี พ.ศ. 2562 (the 5th ASEAN Mayors Forum 2019)"
)
TITLE_EN = "Summary of the 5th ASEAN Mayors Forum 2019"

MEETING_NAME_TH = (
    "การประชุม the 5th ASEAN Mayors Forum 2019 : "
    "Driving Local Actions for Sustainable and Inclusive Growth"
)
MEETING_NAME_EN = (
    "The 5th ASEAN Mayors Forum 2019: Driving Local Actions for Sustainable and Inclusive Growth"
)

RECIPIENT_TH = "ผู้ว่าราชการกรุงเทพมหานคร"
RECIPIENT_EN = "Governor of Bangkok"

REPORTER_POSITION_TH = "นักวิเทศสัมพันธ์ปฏิบัติการ"
REPORTER_POSITION_EN = "Foreign Relations Officer, Practitioner Level"
REPORTER_DIVISION_TH = "ส่วนแผนงานและส่งเสริมศักยภาพของเมือง"
REPORTER_DIVISION_EN = "Planning and City Capacity Promotion Division"
REPORTER_OFFICE_TH = "สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร"
REPORTER_OFFICE_EN = "International Affairs Office, Office of the Permanent Secretary for the BMA"
REPORTER_PHONE = "0 2224 8177"

SUMMARY_TH = (
    (
        "กรุงเทพมหานคร ร่วมกับองค์การเมืองและรัฐบาลท้องถิ่นแห่งเอเชียแปซิฟิค (UCLG ASPAC) "
        "และคณะกรรมาธิการเศรษฐกิจและสังคมแห่งสหประชาชาติสำหรับเอเชียและแปซิฟิก (UNESCAP) "
        "ร่วมเป็นเจ้าภาพจัดการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 (5th ASEAN Mayors Forum : AMF) "
        "ระหว่างวันที่ 26 – 27 สิงหาคม 2562 ณ ศูนย์ประชุมแห่งสหประชาชาติ เขตพระนคร กรุงเทพฯ"
    ),
    (
        "เมื่อวันที่ 26 สิงหาคม 2562 ณ ห้องประชุม 1 (Conference Room 1) ศูนย์ประชุมแห่งสหประชาชาติ "
        "พลตำรวจเอก อัศวิน ขวัญเมือง ผู้ว่าราชการกรุงเทพมหานคร พร้อมด้วย ดร. เบอร์นาเดีย อิราวาตี จันดราเดวี "
        "เลขาธิการองค์การ UCLG ASPAC นางอาร์มิดา ซัลเซียะฮ์ อาลิสจะฮ์บานา เลขาธิการบริหาร ESCAP "
        "และนายเปียร์กา ตาปิโอลา เอกอัครราชทูตสหภาพยุโรปประจำประเทศไทย ในฐานะเจ้าภาพการประชุมฯ "
        "ร่วมกล่าวต้อนรับผู้เข้าร่วมการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 ซึ่งประกอบด้วย ผู้ว่าราชการ นายกเทศมนตรี "
        "และผู้นำรัฐบาลท้องถิ่นจากประเทศสมาชิกอาเซียนทั้ง 10 ประเทศ รวมถึงผู้แทนจากสำนักเลขาธิการอาเซียน "
        "สถานเอกอัครราชทูตประเทศสมาชิกอาเซียนประจำประเทศไทย "
        "สถานเอกอัครราชทูตที่ไม่ได้เป็นสมาชิกอาเซียนในประเทศไทย องค์การสหประชาชาติ "
        "องค์การระหว่างประเทศระดับประเทศและระดับเมือง หน่วยงานราชการของไทย นักวิชาการ และภาคเอกชน "
        "เป็นต้น รวมทั้งสิ้น 300 คน "
        "โดยผู้ว่าราชการกรุงเทพมหานครได้กล่าวถึงความเป็นมาและวัตถุประสงค์หลักของการประชุมนี้ "
        "ในการเป็นเวทีแลกเปลี่ยนเรียนรู้ข้อคิดเห็นและประสบการณ์ด้านการพัฒนาเมืองอย่างยั่งยืน"
        "อันสอดคล้องกับเป้าหมายการพัฒนาอย่างยั่งยืนขององค์การสหประชาชาติ อันเป็นวาระของโลก "
        "โดยเน้นถึงการพัฒนาคุณภาพชีวิตของประชาชนเป็นเป้าหมายสำคัญ ด้านดร. เบอร์นาเดีย อิราวาตี จันดราเดวี "
        "เลขาธิการองค์การ UCLG ASPAC ได้เน้นย้ำถึงความสำคัญของ ความร่วมมือในระดับภูมิภาค "
        "ซึ่งจะช่วยเสริมสร้างความแข็งแกร่งในการดำเนินภารกิจเพื่อสร้างเมืองให้มี "
        "ความพร้อมรับมือต่อการเปลี่ยนแปลงต่าง ๆ โดยเฉพาะการเปลี่ยนแปลงด้านสภาวะอากาศ"
    ),
    (
        "จากนั้น พลเอก อนุพงษ์ เผ่าจินดา รัฐมนตรีว่าการกระทรวงมหาดไทย "
        "ได้กล่าวเปิดการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 "
        "โดยรัฐมนตรีว่าการกระทรวงมหาดไทยได้กล่าวถึงความสำคัญของการขับเคลื่อนการพัฒนาอย่างยั่งยืน"
        "ตามกรอบสหประชาชาติ เพื่อเสริมสร้างความเป็นปึกแผ่นของอาเซียน ทั้งในด้านการเมือง เศรษฐกิจ สังคม "
        "และวัฒนธรรม "
        "ตลอดจนผลักดันให้เกิดความร่วมมือที่เป็นรูปธรรมระหว่างประเทศสมาชิกอาเซียน "
        "เพื่อรักษาความเป็นเอกภาพและผลประโยชน์ร่วมกัน พร้อมทั้งส่งเสริมความร่วมมือของอาเซียน "
        "ในการสร้างประชาคมอาเซียนที่มีประชาชนเป็นศูนย์กลาง โดยไม่ทิ้งใครไว้ข้างหลัง "
        "ซึ่งสอดคล้องกับนโยบายเร่งด่วนของรัฐบาลในการพัฒนาพื้นที่เศรษฐกิจและการกระจายความเจริญสู่ภูมิภาค"
        "และสร้างโอกาสการพัฒนาทั้งด้านเศรษฐกิจและสังคม "
        "รวมทั้งลดความเหลื่อมล้ำของการพัฒนาเพื่อสร้างชุมชนเข้มแข็งและสังคมเมืองที่สงบสุข"
    ),
    (
        "ในช่วงการประชุมฯ ผู้แทนเมืองและผู้เข้าร่วมประชุมทุกท่านจะได้ร่วมกันถ่ายทอดวิสัยทัศน์ "
        "และแลกเปลี่ยนประสบการณ์เพื่อนำไปประยุกต์ใช้ในการพัฒนาเมืองภูมิภาคอาเซียนอย่างยั่งยืน "
        "ภายใต้องค์ประกอบสำคัญ 3 ประการ ซึ่งประเทศไทยให้ความสำคัญและผลักดันในฐานะประธานอาเซียนปี พ.ศ. "
        "2562 กล่าวคือ (1) สร้างความยั่งยืนเพื่ออาเซียนที่ยั่งยืน (สร้างความยั่งยืนในทุกมิติ) (2) "
        "ก้าวไกลไปสู่ดิจิทัลอาเซียน (การเตรียมความพร้อมสำหรับอนาคต) และ (3) ร่วมมือร่วมใจไปสู่อาเซียนที่ไร้รอยต่อ "
        "(เสริมสร้างความเชื่อมโยง) นอกจากนี้ "
        "ยังคำนึงถึงความเชื่อมโยงและการสนับสนุนซึ่งกันและกันระหว่างการประชุมนายกเทศมนตรีอาเซียน"
        "และกรอบความร่วมมืออื่น เช่น เครือข่ายเมืองอัจฉริยะอาเซียน (ASEAN Smart Cities Network) "
        "การพัฒนาการขยายของตัวเมืองอย่างมีประสิทธิภาพ พร้อมทั้งหาแนวทางในการแก้ไขปัญหาความท้าทายร่วม "
        "อันจะนำมาซึ่งความร่วมมือที่แน่นแฟ้นระหว่างนายกเทศมนตรีทั้งในอาเซียนและพันธมิตรต่างๆ ทั่วโลก"
    ),
    (
        "ภายหลังจากการประชุมฯ "
        "ผู้นำเมืองและรัฐบาลท้องถิ่นจากประเทศสมาชิกอาเซียนจะออกแถลงการณ์การประชุมนายกเทศมนตรีอาเซียนครั้งที่ 5 "
        "ร่วมกัน โดยจะนำผลการประชุมและข้อเสนอแนะที่ได้จาก การประชุมครั้งนี้ไปใช้เป็นกรอบการทำงานระดับอื่นต่อไป "
        "รวมถึงการประชุม Asia-Pacific Urban Forum ครั้งที่ 7 จัดโดย UNESCAP ณ ประเทศมาเลเซีย ระหว่างวันที่ "
        "15–17 ตุลาคม พ.ศ. 2562"
    ),
)

CONTINUED_OPERATIONS_TH = (
    (
        "สาระสำคัญของการประชุมฯ ในครั้งนี้ เกี่ยวข้องกับการสร้างความร่วมมือระหว่างเมืองต่าง ๆ "
        "ในประเทศสมาชิกอาเซียนเพื่อขับเคลื่อนปฏิบัติการของท้องถิ่นเพื่อการเติบโตที่ยั่งยืนและทั่วถึง "
        "สอดคล้องกับเป้าหมายตามวิสัยทัศน์ของแผนพัฒนากรุงเทพมหานครระยะ 20 ปี "
        "ในการสร้างกรุงเทพมหานครให้เป็นมหานครแห่งเอเชีย จึงนำเรียนผู้ว่าราชการกรุงเทพมหานครเพื่อโปรดทราบ"
    ),
)

SUMMARY_EN = (
    (
        "The Bangkok Metropolitan Administration, together with United Cities and Local "
        "Governments Asia-Pacific (UCLG ASPAC) and the United Nations Economic and Social "
        "Commission for Asia and the Pacific (UNESCAP), co-hosted the 5th ASEAN Mayors Forum "
        "(AMF) from 26 to 27 August 2019 at the United Nations Conference Centre, Phra Nakhon "
        "District, Bangkok."
    ),
    (
        "On 26 August 2019, in Conference Room 1 of the United Nations Conference Centre, "
        "Pol. Gen. Aswin Kwanmuang, Governor of Bangkok, together with Dr. Bernadia Irawati "
        "Tjandradewi, Secretary General of UCLG ASPAC, Ms. Armida Salsiah Alisjahbana, "
        "Executive Secretary of ESCAP, and Mr. Pirkka Tapiola, Ambassador of the European Union "
        "to Thailand, as hosts of the Forum, jointly welcomed the participants of the 5th ASEAN "
        "Mayors Forum: governors, mayors and local government leaders from all ten ASEAN member "
        "states, together with representatives of the ASEAN Secretariat, the embassies of ASEAN "
        "member states in Thailand, embassies of non-ASEAN countries in Thailand, the United "
        "Nations, international organisations at the national and city levels, Thai government "
        "agencies, academics and the private sector, among others, 300 people in all. The "
        "Governor of Bangkok spoke of the background and main purpose of the Forum as a platform "
        "for exchanging views and learning from one another's experience in sustainable urban "
        "development, in line with the United Nations Sustainable Development Goals, the global "
        "agenda, and stressed that improving people's quality of life is a key goal. Dr. Bernadia "
        "Irawati Tjandradewi, Secretary General of UCLG ASPAC, emphasised the importance of "
        "regional cooperation, which will strengthen the work of making cities ready to cope with "
        "change, especially climate change."
    ),
    (
        "General Anupong Paochinda, Minister of Interior, then opened the 5th ASEAN Mayors Forum. "
        "The Minister spoke of the importance of driving sustainable development under the United "
        "Nations framework to strengthen ASEAN's cohesion in politics, the economy, society and "
        "culture; of bringing about concrete cooperation among ASEAN member states to preserve "
        "their unity and common interests; and of promoting ASEAN cooperation in building a "
        "people-centred ASEAN Community that leaves no one behind. This is in line with the "
        "Government's urgent policies of developing economic areas, spreading prosperity to the "
        "regions and creating opportunities for economic and social development, and of reducing "
        "disparities in development so as to build strong communities and peaceful urban "
        "societies."
    ),
    (
        "During the Forum, city representatives and all participants will together share their "
        "visions and exchange experience to apply in the sustainable development of cities in the "
        "ASEAN region, under three key elements that Thailand emphasises and advances as Chair of "
        "ASEAN in 2019, namely (1) building sustainability for a sustainable ASEAN (sustainability "
        "in all dimensions), (2) advancing towards a Digital ASEAN (preparing for the future) and "
        "(3) joining hands towards a Seamless ASEAN (enhancing connectivity). The Forum also takes "
        "into account the links and mutual support between the ASEAN Mayors Forum and other "
        "cooperation frameworks, such as the ASEAN Smart Cities Network, and the efficient "
        "development of expanding cities, and seeks ways to address shared challenges, which will "
        "bring close cooperation among mayors both within ASEAN and with partners around the world."
    ),
    (
        "After the Forum, the leaders of cities and local governments from the ASEAN member states "
        "will jointly issue the Joint Statement of the 5th ASEAN Mayors Forum. The results and "
        "recommendations of this Forum will be taken forward as a framework for work at other "
        "levels, including the 7th Asia-Pacific Urban Forum, organised by UNESCAP in Malaysia "
        "from 15 to 17 October 2019."
    ),
)

CONTINUED_OPERATIONS_EN = (
    (
        "The substance of this Forum concerns building cooperation among cities in the ASEAN "
        "member states to drive local actions for sustainable and inclusive growth, in line with "
        "the vision of the 20-Year Development Plan for Bangkok Metropolis of making Bangkok the "
        "Metropolis of Asia. This is therefore respectfully submitted to the Governor of Bangkok "
        "for information."
    ),
)

FOLLOW_UP_TITLE_TH = (
    "นำผลการประชุมและข้อเสนอแนะที่ได้จากการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 "
    "ไปใช้ในการประชุม Asia-Pacific Urban Forum ครั้งที่ 7 ณ ปีนัง ประเทศมาเลเซีย "
    "ระหว่างวันที่ 15–17 ตุลาคม พ.ศ. 2562"
)
FOLLOW_UP_TITLE_EN = (
    "Bring the results and recommendations of the 5th ASEAN Mayors Forum to the 7th "
    "Asia-Pacific Urban Forum in Penang, Malaysia, 15–17 October 2019"
)

PROGRESS_NOTE_TH = "นำผลการประชุมและข้อเสนอแนะไปใช้ในการประชุม Asia-Pacific Urban Forum ครั้งที่ 7 แล้ว"
FEEDBACK_TH = "ขอให้เผยแพร่แถลงการณ์ร่วมการประชุมนายกเทศมนตรีอาเซียนครั้งที่ 5 ฉบับเต็มด้วย"
