from mk import write
write("world_leaders.tsv", """
World leaders: heads of state and government, foreign and defence ministers, heads of international
bodies, and past leaders who still appear in news. Role = the best-known office (years where known).
Source: written by the khabar team from general knowledge, as of 2022-2026; public facts.
Hindi spellings: the variants Hindi news uses. Columns as in countries.tsv.
""", """
;person;;Vladimir Putin;व्लादिमीर पुतिन;Putin|Vladimir Vladimirovich Putin;पुतिन|ब्लादिमीर पुतिन|व्लादिमिर पुतिन;Russia;President of Russia
;person;;Mikhail Mishustin;मिखाइल मिशुस्टिन;;मिशुस्तिन|मिखाइल मिशुस्तिन|मिशुस्टिन;Russia;Prime Minister of Russia
;person;;Sergey Lavrov;सर्गेई लावरोव;Sergei Lavrov|Lavrov;लावरोव|सर्गेइ लावरोव|सेर्गेई लावरोव;Russia;Foreign Minister of Russia
;person;;Dmitry Medvedev;दिमित्री मेदवेदेव;Dmitri Medvedev;मेदवेदेव|दमित्री मेदवेदेव;Russia;Deputy Chairman of the Security Council of Russia, former President
;person;;Dmitry Peskov;दिमित्री पेस्कोव;Dmitri Peskov;पेस्कोव|दमित्री पेसकोव;Russia;Kremlin spokesman
;person;;Sergei Shoigu;सर्गेई शोइगु;Sergey Shoigu;शोइगु|शोईगु;Russia;Secretary of the Security Council of Russia, Defence Minister 2012-2024
;person;;Andrei Belousov;आंद्रेई बेलौसोव;Andrey Belousov;बेलौसोव;Russia;Defence Minister of Russia (2024-)
;person;;Valery Gerasimov;वालेरी गेरासिमोव;;गेरासिमोव;Russia;Chief of the General Staff of Russia
;person;;Maria Zakharova;मारिया जखारोवा;;जखारोवा|मारिया ज़खारोवा|ज़ाखारोवा;Russia;Spokeswoman of the Russian Foreign Ministry
;person;;Andrey Serdyukov;आंद्रेई सेरड्यूकोव;Andrei Serdyukov;सेरड्यूकोव|एंड्री सेरड्यूकोव|सेर्द्युकोव|आंद्रेई सेर्द्युकोव;Russia;Commander of the CSTO peacekeeping force (2022)
;person;;Alexei Navalny;एलेक्सी नवलनी;Navalny;नवलनी|अलेक्सी नवलनी;Russia;Russian opposition leader (died 2024)
;person;;Yevgeny Prigozhin;येवगेनी प्रिगोझिन;Prigozhin;प्रिगोझिन|प्रिगोजिन;Russia;Founder of the Wagner Group (died 2023)
;person;;Mikhail Gorbachev;मिखाइल गोर्बाचेव;Gorbachev;गोर्बाचेव|गोर्बाचोव;Russia;Last leader of the Soviet Union (died 2022)
;person;;Kassym-Jomart Tokayev;कसीम-जोमार्ट टोकायव;Tokayev|Kassym Jomart Tokayev|Qasym-Jomart Toqayev;टोकायव|टोकायेव|कासिम-जोमार्ट टोकायेव|कासिम जोमार्ट तोकायेव|कसीम जोमार्ट टोकायव|तोकायेव|कासिम-जोमार्ट तोकायेव;Kazakhstan;President of Kazakhstan
;person;;Nursultan Nazarbayev;नूरसुल्तान नजरबायेव;Nazarbayev;नजरबायेव|नज़रबायेव|नूर सुल्तान नज़रबायेव|नूरसुल्तान नज़रबायेव;Kazakhstan;First President of Kazakhstan (1990-2019)
;person;;Alikhan Smailov;अलीखान स्माइलोव;Smailov;स्माइलोव;Kazakhstan;Prime Minister of Kazakhstan (2022-2024)
;person;;Askar Mamin;अस्कर मामिन;Mamin;मामिन;Kazakhstan;Prime Minister of Kazakhstan (2019-2022)
;person;;Olzhas Bektenov;ओल्जास बेक्तेनोव;Bektenov;बेक्तेनोव;Kazakhstan;Prime Minister of Kazakhstan (2024-)
;person;;Karim Massimov;करीम मासिमोव;Massimov;मासिमोव;Kazakhstan;Head of the National Security Committee of Kazakhstan (until 2022)
;person;;Sultan Gamaletdinov;सुल्तान गामालेटदीनोव;Gamaletdinov;गमालेटदीनोव|गामालेटदीनोव|सुल्तान गमालेटदीनोव;Kazakhstan;Deputy Defence Minister of Kazakhstan
;person;;Alexander Lukashenko;अलेक्जेंडर लुकाशेंको;Lukashenko|Aleksandr Lukashenko|Alyaksandr Lukashenka;लुकाशेंको|अलेक्ज़ेंडर लुकाशेंको|अलेक्सांद्र लुकाशेंको|लुकाशेन्को;Belarus;President of Belarus
;person;;Sviatlana Tsikhanouskaya;स्वेतलाना तिखानोव्स्काया;Svetlana Tikhanovskaya;तिखानोव्स्काया;Belarus;Belarusian opposition leader
;person;;Nikol Pashinyan;निकोल पशिनियन;Pashinyan;पशिनियन|निकोल पाशिनयान|पाशिनयान|निकोल पशिन्यान;Armenia;Prime Minister of Armenia
;person;;Ilham Aliyev;इल्हाम अलीयेव;Aliyev;अलीयेव|इलहाम अलीयेव|इल्हाम अलियेव;Azerbaijan;President of Azerbaijan
;person;;Sadyr Japarov;सादिर जपारोव;Japarov|Sadyr Zhaparov;जपारोव|सादिर जापारोव;Kyrgyzstan;President of Kyrgyzstan
;person;;Emomali Rahmon;इमोमाली रहमोन;Rahmon;रहमोन|इमोमाली रहमान;Tajikistan;President of Tajikistan
;person;;Shavkat Mirziyoyev;शवकत मिर्जियोयेव;Mirziyoyev;मिर्जियोयेव|शौकत मिर्ज़ियोयेव|मिर्ज़ियोयेव;Uzbekistan;President of Uzbekistan
;person;;Serdar Berdimuhamedow;सर्दार बर्दीमुहामेदोव;Serdar Berdimuhamedov;सर्दार बेर्दीमुहम्मेदोव;Turkmenistan;President of Turkmenistan (2022-)
;person;;Gurbanguly Berdimuhamedow;गुरबांगुली बर्दीमुहामेदोव;Gurbanguly Berdimuhamedov;गुरबांगुली बेर्दीमुहम्मेदोव;Turkmenistan;President of Turkmenistan (2007-2022)
;person;;Irakli Kobakhidze;इराकली कोबाखिद्ज़े;Kobakhidze;कोबाखिद्ज़े|कोबाखिद्जे;Georgia;Prime Minister of Georgia
;person;;Maia Sandu;माइया संदु;Sandu;संदु|मैया सांडू|माइया सांडू;Moldova;President of Moldova
;person;;Volodymyr Zelensky;वोलोदिमिर ज़ेलेंस्की;Zelensky|Zelenskyy|Volodymyr Zelenskyy;ज़ेलेंस्की|जेलेंस्की|वोलोदिमीर जेलेंस्की|वोलोदिमिर जेलेंस्की|ज़ेलेन्स्की|जेलेन्स्की;Ukraine;President of Ukraine
;person;;Dmytro Kuleba;दिमित्रो कुलेबा;Kuleba;कुलेबा;Ukraine;Foreign Minister of Ukraine (2020-2024)
;person;;Andrii Sybiha;आंद्रेई सिबिहा;Andriy Sybiha|Sybiha;सिबिहा;Ukraine;Foreign Minister of Ukraine (2024-)
;person;;Denys Shmyhal;डेनिस श्म्याल;Shmyhal;श्म्याल|श्मिहाल;Ukraine;Prime Minister of Ukraine (2020-2025)
;person;;Yulia Svyrydenko;यूलिया स्विरिडेंको;Svyrydenko;स्विरिडेंको;Ukraine;Prime Minister of Ukraine (2025-)
;person;;Xi Jinping;शी जिनपिंग;Xi;शी चिनफिंग|जिनपिंग|शी जिंगपिंग;China;President of China
;person;;Li Qiang;ली कियांग;;ली क्यांग|ली छ्यांग;China;Premier of China (2023-)
;person;;Li Keqiang;ली केकियांग;;ली केक्यांग|ली कच्यांग;China;Premier of China (2013-2023)
;person;;Wang Yi;वांग यी;;वांग ई|वांग यि;China;Foreign Minister of China
;person;;Qin Gang;छिन कांग;;किन गांग|चिन गांग;China;Foreign Minister of China (2022-2023)
;person;;Hua Chunying;हुआ चुनयिंग;;हुआ चुनइंग;China;Spokeswoman of the Chinese Foreign Ministry
;person;;Zhao Lijian;झाओ लिजियन;;झाओ लीजियान|चाओ लिच्येन;China;Spokesman of the Chinese Foreign Ministry (until 2023)
;person;;Donald Trump;डोनाल्ड ट्रंप;Trump|Donald J. Trump;ट्रंप|ट्रम्प|डोनाल्ड ट्रम्प|डॉनल्ड ट्रंप;United States;President of the United States (2017-2021, 2025-)
;person;;Joe Biden;जो बाइडन;Biden|Joseph Biden|Joseph R. Biden;बाइडन|बाइडेन|जो बाइडेन|जो बिडेन;United States;President of the United States (2021-2025)
;person;;Kamala Harris;कमला हैरिस;Harris;कमला हैरिस|हैरिस;United States;Vice President of the United States (2021-2025)
;person;;JD Vance;जेडी वेंस;J. D. Vance|Vance;वेंस|जे डी वेंस|जेडी वैंस;United States;Vice President of the United States (2025-)
;person;;Marco Rubio;मार्को रुबियो;Rubio;रुबियो;United States;Secretary of State of the United States (2025-)
;person;;Antony Blinken;एंटनी ब्लिंकन;Blinken;ब्लिंकन|एंटोनी ब्लिंकन;United States;Secretary of State of the United States (2021-2025)
;person;;Lloyd Austin;लॉयड ऑस्टिन;;लॉयड आस्टिन;United States;Secretary of Defense of the United States (2021-2025)
;person;;Pete Hegseth;पीट हेगसेथ;Hegseth;हेगसेथ;United States;Secretary of Defense of the United States (2025-)
;person;;Jake Sullivan;जेक सुलिवन;;जेक सुलिवान;United States;National Security Advisor of the United States (2021-2025)
;person;;Barack Obama;बराक ओबामा;Obama;ओबामा;United States;President of the United States (2009-2017)
;person;;Hillary Clinton;हिलेरी क्लिंटन;;हिलरी क्लिंटन;United States;Secretary of State of the United States (2009-2013)
;person;;Elon Musk;एलन मस्क;Musk;मस्क|ईलॉन मस्क|एलोन मस्क;United States;Businessman, chief executive of Tesla and SpaceX
;person;;Keir Starmer;कीर स्टार्मर;Starmer;स्टार्मर|कियर स्टार्मर;United Kingdom;Prime Minister of the United Kingdom (2024-)
;person;;Rishi Sunak;ऋषि सुनक;Sunak;सुनक;United Kingdom;Prime Minister of the United Kingdom (2022-2024)
;person;;Boris Johnson;बोरिस जॉनसन;;बोरिस जानसन;United Kingdom;Prime Minister of the United Kingdom (2019-2022)
;person;;Liz Truss;लिज ट्रस;;लिज़ ट्रस;United Kingdom;Prime Minister of the United Kingdom (2022)
;person;;David Lammy;डेविड लैमी;Lammy;लैमी;United Kingdom;Foreign Secretary of the United Kingdom (2024-2025)
;person;;Yvette Cooper;यवेट कूपर;;इवेट कूपर;United Kingdom;Foreign Secretary of the United Kingdom (2025-)
;person;;Charles III;किंग चार्ल्स तृतीय;King Charles III|King Charles|Prince Charles;किंग चार्ल्स|चार्ल्स तृतीय|प्रिंस चार्ल्स;United Kingdom;King of the United Kingdom (2022-)
;person;;Elizabeth II;महारानी एलिजाबेथ द्वितीय;Queen Elizabeth II|Queen Elizabeth;महारानी एलिजाबेथ|एलिज़ाबेथ द्वितीय|क्वीन एलिजाबेथ;United Kingdom;Queen of the United Kingdom (1952-2022)
;person;;Emmanuel Macron;इमैनुएल मैक्रों;Macron;मैक्रों|मैक्रोन|इमानुएल मैक्रों|एमैनुएल मैक्रों;France;President of France
;person;;Jean-Noël Barrot;जीन-नोएल बैरो;Barrot;बैरो|ज्यां-नोएल बारो;France;Foreign Minister of France (2024-)
;person;;Olaf Scholz;ओलाफ शोल्ज;Scholz;शोल्ज|ओलाफ शॉल्त्स|शोल्ज़|ओलाफ़ शोल्ज़;Germany;Chancellor of Germany (2021-2025)
;person;;Friedrich Merz;फ्रेडरिक मर्ज;Merz;मर्ज|फ्रीडरिष मैर्त्स|फ्रेडरिक मर्ज़|मर्ज़;Germany;Chancellor of Germany (2025-)
;person;;Angela Merkel;एंजेला मर्केल;Merkel;मर्केल|अंगेला मैर्केल;Germany;Chancellor of Germany (2005-2021)
;person;;Annalena Baerbock;अनालेना बेयरबॉक;Baerbock;बेयरबॉक|एनालेना बेयरबॉक;Germany;Foreign Minister of Germany (2021-2025)
;person;;Frank-Walter Steinmeier;फ्रैंक-वाल्टर स्टीनमीयर;Steinmeier;स्टीनमीयर|फ्रांक-वाल्टर श्टाइनमायर;Germany;President of Germany
;person;;Giorgia Meloni;जॉर्जिया मेलोनी;Meloni;मेलोनी;Italy;Prime Minister of Italy (2022-)
;person;;Sergio Mattarella;सर्जियो मत्तारेला;Mattarella;मत्तारेला;Italy;President of Italy
;person;;Antonio Tajani;एंटोनियो तजानी;Tajani;तजानी;Italy;Foreign Minister of Italy (2022-)
;person;;Pedro Sánchez;पेड्रो सांचेज;Pedro Sanchez;पेड्रो सांचेज़|सांचेज;Spain;Prime Minister of Spain
;person;;Donald Tusk;डोनाल्ड टस्क;Tusk;टस्क;Poland;Prime Minister of Poland (2023-)
;person;;Viktor Orbán;विक्टर ओर्बन;Viktor Orban|Orban;ओर्बन|विक्टर ओरबान;Hungary;Prime Minister of Hungary
;person;;Recep Tayyip Erdoğan;रेचेप तैयप एर्दोगन;Erdogan|Recep Tayyip Erdogan|Erdoğan;एर्दोगन|अर्दोआन|एर्दोआन|रजब तैयब एर्दोगन|एर्डोगन;Türkiye;President of Türkiye
;person;;Hakan Fidan;हाकान फिदान;Fidan;फिदान;Türkiye;Foreign Minister of Türkiye (2023-)
;person;;Justin Trudeau;जस्टिन ट्रूडो;Trudeau;ट्रूडो;Canada;Prime Minister of Canada (2015-2025)
;person;;Mark Carney;मार्क कार्नी;Carney;कार्नी;Canada;Prime Minister of Canada (2025-)
;person;;Mélanie Joly;मेलानी जोली;Melanie Joly;मेलानी जॉली;Canada;Foreign Minister of Canada (2021-2025)
;person;;Anita Anand;अनीता आनंद;;अनिता आनंद;Canada;Foreign Minister of Canada (2025-)
;person;;Fumio Kishida;फुमियो किशिदा;Kishida;किशिदा;Japan;Prime Minister of Japan (2021-2024)
;person;;Shigeru Ishiba;शिगेरु इशिबा;Ishiba;इशिबा;Japan;Prime Minister of Japan (2024-2025)
;person;;Sanae Takaichi;सनाए ताकाइची;Takaichi;ताकाइची;Japan;Prime Minister of Japan (2025-)
;person;;Shinzo Abe;शिंजो आबे;Abe;आबे|शिंज़ो आबे;Japan;Prime Minister of Japan (2012-2020, died 2022)
;person;;Yoon Suk Yeol;यून सुक-योल;Yoon Suk-yeol;यून सुक योल|यून सुक-इयोल;South Korea;President of South Korea (2022-2025)
;person;;Lee Jae-myung;ली जे-म्युंग;Lee Jae myung;ली जे म्युंग|ली जे-म्यांग;South Korea;President of South Korea (2025-)
;person;;Kim Jong Un;किम जोंग उन;Kim Jong-un;किम जोंग-उन|किम जॉन्ग उन;North Korea;Supreme Leader of North Korea
;person;;Anthony Albanese;एंथनी अल्बनीज;Albanese;अल्बनीज|एंथनी अल्बनीज़|अल्बानीज;Australia;Prime Minister of Australia (2022-)
;person;;Penny Wong;पेनी वोंग;;पैनी वोंग;Australia;Foreign Minister of Australia (2022-)
;person;;Scott Morrison;स्कॉट मॉरिसन;;स्कॉट मॉरीसन;Australia;Prime Minister of Australia (2018-2022)
;person;;Luiz Inácio Lula da Silva;लुइज इनासियो लूला दा सिल्वा;Lula|Lula da Silva;लूला|लुइज़ इनासियो लूला दा सिल्वा|लुला दा सिल्वा;Brazil;President of Brazil (2023-)
;person;;Jair Bolsonaro;जायर बोल्सोनारो;Bolsonaro;बोल्सोनारो;Brazil;President of Brazil (2019-2022)
;person;;Javier Milei;हावियर मिलेई;Milei;मिलेई|जेवियर मिलेई;Argentina;President of Argentina (2023-)
;person;;Claudia Sheinbaum;क्लाउडिया शीनबाम;Sheinbaum;शीनबाम;Mexico;President of Mexico (2024-)
;person;;Andrés Manuel López Obrador;आंद्रेस मैनुअल लोपेज ओब्रादोर;Lopez Obrador|AMLO;लोपेज ओब्रादोर;Mexico;President of Mexico (2018-2024)
;person;;Nicolás Maduro;निकोलस मादुरो;Nicolas Maduro|Maduro;मादुरो;Venezuela;President of Venezuela
;person;;Miguel Díaz-Canel;मिगेल डियाज-कनेल;Diaz-Canel;डियाज-कनेल;Cuba;President of Cuba
;person;;Cyril Ramaphosa;सिरिल रामफोसा;Ramaphosa;रामफोसा|सिरिल रामाफोसा;South Africa;President of South Africa
;person;;Bola Tinubu;बोला टीनूबू;Tinubu;टीनूबू|टिनुबू;Nigeria;President of Nigeria (2023-)
;person;;William Ruto;विलियम रूटो;Ruto;रूटो;Kenya;President of Kenya (2022-)
;person;;Abiy Ahmed;अबी अहमद;Abiy Ahmed Ali;अबिय अहमद;Ethiopia;Prime Minister of Ethiopia
;person;;Abdel Fattah el-Sisi;अब्देल फत्ताह अल-सीसी;Sisi|el-Sisi|Abdel Fattah al-Sisi;अल-सीसी|सीसी|अब्दुल फतह अल सीसी;Egypt;President of Egypt
;person;;Salman bin Abdulaziz;सलमान बिन अब्दुलअजीज;King Salman;किंग सलमान|शाह सलमान;Saudi Arabia;King of Saudi Arabia
;person;;Mohammed bin Salman;मोहम्मद बिन सलमान;MBS|Crown Prince Mohammed bin Salman;मोहम्मद बिन सलमान|एमबीएस|क्राउन प्रिंस मोहम्मद बिन सलमान;Saudi Arabia;Crown Prince and Prime Minister of Saudi Arabia
;person;;Faisal bin Farhan;फैसल बिन फरहान;Faisal bin Farhan Al Saud;फ़ैसल बिन फ़रहान;Saudi Arabia;Foreign Minister of Saudi Arabia
;person;;Mohamed bin Zayed;मोहम्मद बिन जायद;Mohamed bin Zayed Al Nahyan|MBZ;मोहम्मद बिन ज़ायद|मोहम्मद बिन जायद अल नाहयान;United Arab Emirates;President of the United Arab Emirates
;person;;Tamim bin Hamad Al Thani;तमीम बिन हमद अल थानी;Emir Tamim;तमीम बिन हमद अल-थानी|शेख तमीम;Qatar;Emir of Qatar
;person;;Benjamin Netanyahu;बेंजामिन नेतन्याहू;Netanyahu|Bibi;नेतन्याहू|बेंजामिन नेतनयाहू|नेतनयाहू;Israel;Prime Minister of Israel
;person;;Isaac Herzog;इसहाक हर्जोग;Herzog;हर्जोग|आइजैक हर्ज़ोग;Israel;President of Israel
;person;;Naftali Bennett;नफ्ताली बेनेट;Bennett;नफ़्ताली बेनेट;Israel;Prime Minister of Israel (2021-2022)
;person;;Yair Lapid;याइर लापिड;Lapid;लापिड|यायर लैपिड;Israel;Prime Minister of Israel (2022)
;person;;Mahmoud Abbas;महमूद अब्बास;Abbas|Abu Mazen;अब्बास;Palestinian Territories;President of the Palestinian Authority
;person;;Ismail Haniyeh;इस्माइल हानिया;Haniyeh;हानिया|इस्माइल हनीयेह;Palestinian Territories;Leader of Hamas (killed 2024)
;person;;Yahya Sinwar;याह्या सिनवार;Sinwar;सिनवार;Palestinian Territories;Leader of Hamas in Gaza (killed 2024)
;person;;Hassan Nasrallah;हसन नसरल्लाह;Nasrallah;नसरल्लाह;Lebanon;Secretary-General of Hezbollah (killed 2024)
;person;;Ali Khamenei;अली खामेनेई;Ayatollah Ali Khamenei|Khamenei;खामेनेई|अयातुल्ला अली खामेनेई|ख़ामेनेई|अयातुल्ला खामेनेई;Iran;Supreme Leader of Iran
;person;;Ebrahim Raisi;इब्राहिम रईसी;Raisi;रईसी|इब्राहीम रईसी;Iran;President of Iran (2021-2024, died 2024)
;person;;Masoud Pezeshkian;मसूद पेजेशकियान;Pezeshkian;पेजेशकियान|मसूद पेज़ेशकियान;Iran;President of Iran (2024-)
;person;;Abbas Araghchi;अब्बास अराघची;Araghchi;अराघची|अब्बास अरागची;Iran;Foreign Minister of Iran (2024-)
;person;;Hossein Amir-Abdollahian;हुसैन अमीर-अब्दुल्लाहियान;Amir-Abdollahian;अमीर-अब्दुल्लाहियान|होसैन अमीर अब्दुल्लाहियान;Iran;Foreign Minister of Iran (2021-2024)
;person;;Bashar al-Assad;बशर अल-असद;Assad|Bashar Assad;असद|बशर अल असद|बशर असद;Syria;President of Syria (2000-2024)
;person;;Ahmed al-Sharaa;अहमद अल-शरा;Abu Mohammad al-Julani|al-Sharaa;अहमद अल शरा|अल-शरा|अबू मोहम्मद अल-जोलानी;Syria;President of Syria (2025-)
;person;;Shehbaz Sharif;शहबाज शरीफ;Shahbaz Sharif;शहबाज़ शरीफ़|शाहबाज शरीफ|शहबाज़ शरीफ;Pakistan;Prime Minister of Pakistan
;person;;Imran Khan;इमरान खान;;इमरान ख़ान;Pakistan;Prime Minister of Pakistan (2018-2022)
;person;;Nawaz Sharif;नवाज शरीफ;;नवाज़ शरीफ़|नवाज़ शरीफ;Pakistan;Prime Minister of Pakistan (three terms)
;person;;Asif Ali Zardari;आसिफ अली जरदारी;Zardari;जरदारी|आसिफ़ अली ज़रदारी;Pakistan;President of Pakistan
;person;;Bilawal Bhutto Zardari;बिलावल भुट्टो जरदारी;Bilawal Bhutto;बिलावल भुट्टो|बिलावल भुट्टो ज़रदारी;Pakistan;Foreign Minister of Pakistan (2022-2023), chairman of the PPP
;person;;Ishaq Dar;इशाक डार;;इसहाक डार;Pakistan;Foreign Minister and Deputy Prime Minister of Pakistan
;person;;Asim Munir;आसिम मुनीर;General Asim Munir;जनरल आसिम मुनीर|मुनीर;Pakistan;Chief of Army Staff of Pakistan
;person;;Benazir Bhutto;बेनजीर भुट्टो;;बेनज़ीर भुट्टो;Pakistan;Prime Minister of Pakistan (died 2007)
;person;;Pervez Musharraf;परवेज मुशर्रफ;Musharraf;परवेज़ मुशर्रफ़|मुशर्रफ;Pakistan;President of Pakistan (2001-2008, died 2023)
;person;;Sheikh Hasina;शेख हसीना;Hasina;शेख़ हसीना;Bangladesh;Prime Minister of Bangladesh (2009-2024)
;person;;Muhammad Yunus;मोहम्मद यूनुस;Yunus;मुहम्मद यूनुस|यूनुस;Bangladesh;Chief Adviser of Bangladesh's interim government (2024-)
;person;;Khaleda Zia;खालिदा जिया;;ख़ालिदा ज़िया;Bangladesh;Prime Minister of Bangladesh (1991-1996, 2001-2006)
;person;;KP Sharma Oli;केपी शर्मा ओली;K. P. Sharma Oli|Oli;ओली|के पी शर्मा ओली|खड्ग प्रसाद शर्मा ओली;Nepal;Prime Minister of Nepal (several terms, until 2025)
;person;;Pushpa Kamal Dahal;पुष्प कमल दहल;Prachanda;प्रचंड|पुष्पकमल दहल;Nepal;Prime Minister of Nepal (2022-2024)
;person;;Sher Bahadur Deuba;शेर बहादुर देउबा;Deuba;देउबा;Nepal;Prime Minister of Nepal (2021-2022)
;person;;Sushila Karki;सुशीला कार्की;;;Nepal;Interim Prime Minister of Nepal (2025-)
;person;;Anura Kumara Dissanayake;अनुरा कुमारा दिसानायके;Dissanayake;दिसानायके|अनुरा कुमार दिसानायके;Sri Lanka;President of Sri Lanka (2024-)
;person;;Ranil Wickremesinghe;रानिल विक्रमसिंघे;Wickremesinghe;विक्रमसिंघे;Sri Lanka;President of Sri Lanka (2022-2024)
;person;;Gotabaya Rajapaksa;गोटबाया राजपक्षे;;गोटाबाया राजपक्षे|गोतबाया राजपक्षे;Sri Lanka;President of Sri Lanka (2019-2022)
;person;;Mahinda Rajapaksa;महिंदा राजपक्षे;;महिंद्रा राजपक्षे;Sri Lanka;Prime Minister of Sri Lanka (until 2022)
;person;;Mohamed Muizzu;मोहम्मद मुइज्जू;Muizzu;मुइज्जू|मुइज़्ज़ू|मोहम्मद मुइज़्ज़ू;Maldives;President of the Maldives (2023-)
;person;;Tshering Tobgay;शेरिंग तोबगे;;त्शेरिंग तोबगे;Bhutan;Prime Minister of Bhutan (2024-)
;person;;Jigme Khesar Namgyel Wangchuck;जिग्मे खेसर नामग्याल वांगचुक;King Jigme Khesar;जिग्मे खेसर नामग्येल वांगचुक;Bhutan;King of Bhutan
;person;;Hibatullah Akhundzada;हिबतुल्ला अखुंदजादा;Akhundzada;अखुंदजादा|हैबतुल्लाह अखुंदज़ादा;Afghanistan;Supreme Leader of the Taliban
;person;;Amir Khan Muttaqi;आमिर खान मुत्ताकी;Muttaqi;मुत्ताकी|अमीर ख़ान मुत्तक़ी;Afghanistan;Foreign Minister of the Taliban government
;person;;Ashraf Ghani;अशरफ गनी;;अशरफ़ ग़नी;Afghanistan;President of Afghanistan (2014-2021)
;person;;Min Aung Hlaing;मिन आंग ह्लाइंग;;मिन आंग लाइंग;Myanmar (Burma);Head of Myanmar's military government
;person;;Aung San Suu Kyi;आंग सान सू ची;Suu Kyi;सू ची|आंग सान सू की;Myanmar (Burma);State Counsellor of Myanmar (2016-2021)
;person;;Joko Widodo;जोको विडोडो;Jokowi;जोकोवी;Indonesia;President of Indonesia (2014-2024)
;person;;Prabowo Subianto;प्रबोवो सुबियांतो;Prabowo;प्रबोवो;Indonesia;President of Indonesia (2024-)
;person;;Anwar Ibrahim;अनवर इब्राहिम;;;Malaysia;Prime Minister of Malaysia (2022-)
;person;;Lawrence Wong;लॉरेंस वोंग;;;Singapore;Prime Minister of Singapore (2024-)
;person;;Lee Hsien Loong;ली सीन लूंग;;ली सियन लूंग;Singapore;Prime Minister of Singapore (2004-2024)
;person;;Ferdinand Marcos Jr.;फर्डिनेंड मार्कोस जूनियर;Bongbong Marcos;फर्डिनेंड मार्कोस;Philippines;President of the Philippines (2022-)
;person;;Lai Ching-te;लाई चिंग-ते;William Lai;लाई चिंग ते;Taiwan;President of Taiwan (2024-)
;person;;Tsai Ing-wen;त्साई इंग-वेन;;साई इंग-वेन|त्साई इंग वेन;Taiwan;President of Taiwan (2016-2024)
;person;;Jacinda Ardern;जैसिंडा अर्डर्न;;जेसिंडा अर्डर्न;New Zealand;Prime Minister of New Zealand (2017-2023)
;person;;Christopher Luxon;क्रिस्टोफर लक्सन;;;New Zealand;Prime Minister of New Zealand (2023-)
;person;;António Guterres;एंटोनियो गुटेरेस;Antonio Guterres|Guterres;गुटेरेस|एंतोनियो गुतारेस|गुतारेस|एंटोनियो गुतेरस;Portugal;Secretary-General of the United Nations
;person;;Mark Rutte;मार्क रुटे;Rutte;रुटे|मार्क रूटे;Netherlands;Secretary General of NATO (2024-)
;person;;Jens Stoltenberg;जेन्स स्टोलटेनबर्ग;Stoltenberg;स्टोलटेनबर्ग|येंस स्टोल्टेनबर्ग;Norway;Secretary General of NATO (2014-2024)
;person;;Ursula von der Leyen;उर्सुला वॉन डेर लेयेन;von der Leyen;उर्सुला वॉन डेर लेयन|वॉन डेर लेयेन;Germany;President of the European Commission
;person;;Kaja Kallas;काजा कैलास;Kallas;कैलास|काया कालास;Estonia;EU High Representative for Foreign Affairs (2024-)
;person;;Josep Borrell;जोसेप बोरेल;Borrell;बोरेल;Spain;EU High Representative for Foreign Affairs (2019-2024)
;person;;Charles Michel;चार्ल्स मिशेल;;;Belgium;President of the European Council (2019-2024)
;person;;António Costa;एंटोनियो कोस्टा;Antonio Costa;;Portugal;President of the European Council (2024-)
;person;;Tedros Adhanom Ghebreyesus;टेड्रोस एडनॉम घेब्रेयेसस;Tedros;टेड्रोस|टेड्रोस अधानोम घेब्रेयेसस|टेड्रोस एडहानॉम;Ethiopia;Director-General of the World Health Organization
;person;;Kristalina Georgieva;क्रिस्टालिना जॉर्जीवा;Georgieva;जॉर्जीवा;Bulgaria;Managing Director of the International Monetary Fund
;person;;Ajay Banga;अजय बंगा;;;United States;President of the World Bank (2023-)
;person;;Gita Gopinath;गीता गोपीनाथ;;;United States;First Deputy Managing Director of the IMF
;person;;Rafael Grossi;राफेल ग्रॉसी;Grossi;ग्रॉसी|राफेल ग्रोसी;Argentina;Director General of the IAEA
;person;;Pope Francis;पोप फ्रांसिस;Francis|Jorge Mario Bergoglio;पोप फ्रांसिस;Vatican City;Pope (2013-2025)
;person;;Pope Leo XIV;पोप लियो चौदहवें;Robert Francis Prevost|Leo XIV;पोप लियो|पोप लियो 14वें;Vatican City;Pope (2025-)
;person;;Dalai Lama;दलाई लामा;Tenzin Gyatso|14th Dalai Lama;तेनजिन ग्यात्सो;China;Tibetan spiritual leader
;person;;Stanislav Zas;स्तानिस्लाव जास;Zas;जास|स्टानिस्लाव ज़ास;Belarus;Secretary General of the CSTO (2020-2022)
;person;;Imangali Tasmagambetov;इमांगली तास्मागाम्बेतोव;Tasmagambetov;तास्मागाम्बेतोव;Kazakhstan;Secretary General of the CSTO (2023-)
;person;;Volker Türk;वोल्कर टर्क;Volker Turk;;Austria;UN High Commissioner for Human Rights
;person;;Osama bin Laden;ओसामा बिन लादेन;Bin Laden;लादेन|बिन लादेन;Saudi Arabia;Founder of al-Qaeda (killed 2011)
;person;;Abu Bakr al-Baghdadi;अबू बक्र अल-बगदादी;Baghdadi;बगदादी|अबू बकर अल बगदादी;Iraq;Leader of the Islamic State (killed 2019)
;person;;Hafiz Saeed;हाफिज सईद;;हाफ़िज़ सईद;Pakistan;Founder of Lashkar-e-Taiba
;person;;Masood Azhar;मसूद अजहर;;मसूद अज़हर;Pakistan;Founder of Jaish-e-Mohammed
;person;;Dawood Ibrahim;दाऊद इब्राहिम;;दाउद इब्राहिम;India;Fugitive gangster
""")
